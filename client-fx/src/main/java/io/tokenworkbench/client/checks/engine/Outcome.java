package io.tokenworkbench.client.checks.engine;

/** How a cell of the matrix came out. */
public enum Outcome {
    /** The status was one of those expected and every assertion held. */
    PASS,
    /** The server answered, but not as expected. */
    FAIL,
    /** The cell could not be judged: no answer, its identity could not be obtained, a step before it failed. */
    ERROR
}
