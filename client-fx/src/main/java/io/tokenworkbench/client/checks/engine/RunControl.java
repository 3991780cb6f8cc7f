package io.tokenworkbench.client.checks.engine;

/** Lets whoever started a run stop it: cells not yet started are skipped, those in flight finish. */
public final class RunControl {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
