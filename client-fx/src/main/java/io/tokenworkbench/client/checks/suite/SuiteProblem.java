package io.tokenworkbench.client.checks.suite;

/**
 * Why a suite cannot be used, and where.
 *
 * @param source  the file name (or {@code <editor>})
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message the reason, e.g. "checks[2].expect: no identity called 'alise'"
 */
public record SuiteProblem(String source, int line, int column, String message) {

    /** {@code suite.yaml:12:5: reason}, as compilers print it. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
