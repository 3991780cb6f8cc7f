package io.tokenworkbench.client.support.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way a view-model works off the FX thread: the work runs on the background executor, its outcome is handed
 * over on the UI executor, a busy flag counts what is in flight, and a failure arrives as a sentence a person can
 * read (never the class name of a wrapping {@link CompletionException}). Call {@code run} on the UI thread.
 */
public final class BackgroundTasks {

    private final Executor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private int inFlight;

    public BackgroundTasks(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** True while work started by {@link #run} is in flight. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** Runs {@code work} in the background, marked busy; then {@code done} or {@code failed} on the UI thread. */
    public <T> void run(Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        inFlight++;
        busy.set(true);
        start(work, done, failed, () -> {
            inFlight--;
            busy.set(inFlight > 0);
        });
    }

    /** Runs a small UI update from background work (a progress message). */
    public void onUi(Runnable update) {
        ui.execute(update);
    }

    /** As {@link #run}, for work nobody waits on (suggestions, refreshes): the busy flag does not change. */
    public <T> void runQuietly(Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        start(work, done, failed, () -> { });
    }

    private <T> void start(Supplier<T> work, Consumer<T> done, Consumer<String> failed, Runnable finished) {
        CompletableFuture.supplyAsync(work, background).whenCompleteAsync((value, failure) -> {
            finished.run();
            if (failure != null) {
                failed.accept(describe(failure));
            } else {
                done.accept(value);
            }
        }, ui);
    }

    /** A failure in words: the innermost meaningful cause's message, else what kind of failure it was. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        String kind = cause.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "io" -> "an I/O error without details";
            case "" -> "an unexpected error";
            default -> "an unexpected error (" + kind + ")";
        };
    }
}
