package io.tokenworkbench.server.token;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.time.Duration;

/**
 * On PostgreSQL, wakes this instance whenever another one commits an invalidation (LISTEN/NOTIFY on
 * {@value #CHANNEL}), so that a logout, a deletion or a deactivation made there is refused here within milliseconds
 * instead of at the next poll. The poll stays as the fallback: while the listening connection is lost this instance
 * polls as before, and on reconnecting it catches up at once.
 */
final class InvalidationNotices implements AutoCloseable {

    static final String CHANNEL = "token_invalidations";
    private static final System.Logger LOG = System.getLogger(InvalidationNotices.class.getName());
    private static final Duration WAIT = Duration.ofMillis(250);

    private final Jdbi jdbi;
    private final Runnable catchUp;
    private final Thread listener;
    private volatile boolean running = true;

    /** Listens on a connection of its own, and runs {@code catchUp} at every notice (and after every reconnect). */
    InvalidationNotices(Jdbi jdbi, Runnable catchUp) {
        this.jdbi = jdbi;
        this.catchUp = catchUp;
        this.listener = Thread.ofPlatform().daemon().name("token-invalidation-notices").start(this::listen);
    }

    /** Tells every listening instance, when the handle's transaction commits, that there is something to read. */
    static void announce(Handle handle) {
        handle.createQuery("select pg_notify('" + CHANNEL + "', '')").mapTo(String.class).one();
    }

    private void listen() {
        while (running) {
            try (Handle handle = jdbi.open()) {
                handle.execute("listen " + CHANNEL);
                PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
                catchUp.run();
                while (running) {
                    PGNotification[] notices = connection.getNotifications((int) WAIT.toMillis());
                    if (notices != null && notices.length > 0) {
                        catchUp.run();
                    }
                }
                handle.execute("unlisten " + CHANNEL);
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "Not hearing other instances' revocations ("
                        + e.getClass().getSimpleName() + "); polling for them until the database answers again");
                try {
                    Thread.sleep(WAIT);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.join(WAIT.multipliedBy(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
