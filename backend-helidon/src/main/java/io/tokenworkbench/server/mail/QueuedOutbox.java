package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An outbox whose sending, and the work that leads to a mail (e.g. storing the reset token it carries), runs in order
 * on one background thread, so a request that causes mail answers as fast as one that does not. Reading waits for
 * everything queued before it; closing finishes the queue. Thread-safe.
 */
public final class QueuedOutbox implements Outbox, Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QueuedOutbox.class.getName());

    private final Outbox target;
    private volatile Thread worker;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = Thread.ofPlatform().name("outbox").daemon().unstarted(runnable);
        worker = thread;
        return thread;
    });

    public QueuedOutbox(Outbox target) {
        this.target = target;
    }

    /** Queues work that ends in mail; a failure is logged by its kind only (its message may quote a recipient). */
    @Override
    public void execute(Runnable work) {
        queue.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Queued mail work failed: " + e.getClass().getName());
            }
        });
    }

    /** Queued; when queued work sends, at once, so that what waits for that work sees its mail. */
    @Override
    public void send(String to, String subject, String body) {
        if (Thread.currentThread() == worker) {
            target.send(to, subject, body);
        } else {
            execute(() -> target.send(to, subject, body));
        }
    }

    @Override
    public List<OutboxMail> newest(int limit) {
        drain();
        return target.newest(limit);
    }

    @Override
    public void forget(String recipient) {
        if (Thread.currentThread() == worker) {
            target.forget(recipient);
        } else {
            execute(() -> target.forget(recipient));
        }
    }

    /** Waits until the work queued so far has run. */
    public void drain() {
        try {
            queue.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for queued mail", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs what is queued, then stops. */
    @Override
    public void close() {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Queued mail was still being written after 30 s; left unsent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
