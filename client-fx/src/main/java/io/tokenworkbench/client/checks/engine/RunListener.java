package io.tokenworkbench.client.checks.engine;

/** Hears about a run as it goes; called from the engine's threads, so implementations hand off to their own. */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** A run is starting with this many cells. */
    default void started(int totalCells) {
    }

    /** A cell is done; {@code done} cells of the total are finished. */
    default void cellDone(CellResult cell, int done) {
    }

    /** Something worth telling the user, e.g. "waiting 12 s for the token endpoint's rate limit". */
    default void message(String text) {
    }
}
