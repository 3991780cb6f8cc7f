package io.tokenworkbench.client.checks.suite;

import java.util.List;
import java.util.stream.Collectors;

/** A suite was refused; {@link #problems()} lists every reason found, each with its place. */
public final class SuiteException extends Exception {

    private final transient List<SuiteProblem> problems;

    public SuiteException(List<SuiteProblem> problems) {
        super(problems.stream().map(SuiteProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SuiteProblem> problems() {
        return problems;
    }
}
