package io.tokenworkbench.server.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.tokenworkbench.server.http.ApiException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id password hashing through password4j, at OWASP's minimum: 19 MiB of memory, 2 iterations, parallelism 1.
 * {@link #verifyOrBurn} spends the same work for an unknown user, so a login cannot tell users apart by time. At most
 * a few hashes run at once (logins, HTTP Basic, registrations and resets share the slots): a flood of password
 * checks is answered 503 with {@code Retry-After} instead of starving every other request of CPU and memory.
 * Thread-safe.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** How long a password check waits for a free slot before the server says it is busy. */
    static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(2);

    private final Semaphore slots;
    private final Duration waitForSlot;
    private final ThreadLocal<Boolean> holdsSlot = ThreadLocal.withInitial(() -> false);
    private final String dummyHash;

    /** With one slot per processor (at least two). */
    public PasswordHasher() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), WAIT_FOR_SLOT);
    }

    /** With {@code concurrentHashes} slots, a check waiting at most {@code waitForSlot} for one. */
    public PasswordHasher(int concurrentHashes, Duration waitForSlot) {
        this.slots = new Semaphore(concurrentHashes, true);
        this.waitForSlot = waitForSlot;
        this.dummyHash = Password.hash("not-a-real-password-only-for-equal-timing").addRandomSalt(16).with(ARGON2ID)
                .getResult();
    }

    public String hash(String password) {
        return inSlot(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
    }

    public boolean verify(String password, String hash) {
        return inSlot(() -> {
            try {
                return Password.check(password, hash).with(ARGON2ID);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Runs {@code work} holding a hashing slot (password checks inside it reuse the slot): for callers whose password
     * check happens inside a library, such as Helidon's HTTP Basic provider.
     *
     * @throws ApiException (503) when no slot frees up in time
     */
    public <T> T inSlot(Supplier<T> work) {
        if (holdsSlot.get()) {
            return work.get();
        }
        try {
            if (!slots.tryAcquire(waitForSlot.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.serviceUnavailable("The server is busy checking passwords; try again shortly",
                        1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.serviceUnavailable("The server is shutting down", 1);
        }
        holdsSlot.set(true);
        try {
            return work.get();
        } finally {
            holdsSlot.set(false);
            slots.release();
        }
    }

    /** Checks against the stored hash, or against a dummy hash when there is no user, so both cost the same. */
    public boolean verifyOrBurn(String password, String hashOrNull) {
        if (hashOrNull == null) {
            verify(password, dummyHash);
            return false;
        }
        return verify(password, hashOrNull);
    }
}
