package io.tokenworkbench.server.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing through password4j, at OWASP's minimum: 19 MiB of memory, 2 iterations, parallelism 1.
 * {@link #verifyOrBurn} spends the same work for an unknown user, so a login cannot tell users apart by time.
 * Thread-safe.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private final String dummyHash;

    public PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-only-for-equal-timing");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean verify(String password, String hash) {
        try {
            return Password.check(password, hash).with(ARGON2ID);
        } catch (RuntimeException e) {
            return false;
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
