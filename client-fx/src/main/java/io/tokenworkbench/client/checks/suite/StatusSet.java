package io.tokenworkbench.client.checks.suite;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The statuses a cell may answer with to pass: usually one ({@code 200}), sometimes a few ({@code 200|429} for a
 * rate-limited route).
 */
public record StatusSet(List<Integer> statuses) {

    public StatusSet {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("at least one status");
        }
        statuses = List.copyOf(statuses);
    }

    public static StatusSet of(int... statuses) {
        return new StatusSet(java.util.Arrays.stream(statuses).boxed().toList());
    }

    public boolean matches(int status) {
        return statuses.contains(status);
    }

    /** {@code 200}, or {@code 200|429}. */
    @Override
    public String toString() {
        return statuses.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
}
