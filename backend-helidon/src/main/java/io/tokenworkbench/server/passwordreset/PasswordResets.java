package io.tokenworkbench.server.passwordreset;

import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.mail.Outbox;
import io.tokenworkbench.server.security.OpaqueSecrets;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Password reset without account enumeration: a request answers the same, after the same work, whether or not the
 * email is known; the reset token is 256 random bits, kept only as a SHA-256 hash (enough for a high-entropy
 * secret, unlike a password), usable once, for one hour; a completed reset spends every other outstanding reset
 * token of the user and revokes all its refresh tokens.
 * Thread-safe.
 */
public final class PasswordResets {

    public static final Duration LIFETIME = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final RefreshTokens refreshTokens;
    private final Outbox outbox;
    private final Predicate<String> weakPassword;
    private final Clock clock;

    public PasswordResets(Jdbi jdbi, UserRepository users, PasswordHasher hasher, RefreshTokens refreshTokens,
                          Outbox outbox, Predicate<String> weakPassword, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.weakPassword = weakPassword;
        this.clock = clock;
    }

    /** Starts a reset when the email is known; returns the user for the audit log, if any. */
    public Optional<UserAccount> request(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new ApiException.BadRequest("email is required");
        }
        Optional<UserAccount> user = users.byEmail(email.strip());
        String token = OpaqueSecrets.generate();
        String hash = OpaqueSecrets.sha256(token);
        Instant now = clock.instant();
        if (user.isPresent()) {
            jdbi.useHandle(h -> h.createUpdate("""
                            insert into password_resets (token_hash, user_id, expires_at) values (:hash, :user, :exp)""")
                    .bind("hash", hash).bind("user", user.get().id()).bind("exp", now.plus(LIFETIME)).execute());
            outbox.send(user.get().email(), "Reset your Token Workbench password",
                    "Someone asked to reset your password. If it was you, use this token within one hour:\n\n"
                            + token + "\n\nPOST it with your new password to /v1/auth/password-reset/confirm.\n"
                            + "If it was not you, ignore this mail.");
        } else {
            // The same hashing and a comparable query, so an unknown email costs about the same time.
            jdbi.useHandle(h -> h.createQuery("select count(*) from password_resets where token_hash = :hash")
                    .bind("hash", hash).mapTo(Long.class).one());
        }
        return user;
    }

    /** Completes a reset; a bad, used or expired token is a 400. Returns the user whose password changed. */
    public UserAccount confirm(String token, String newPassword) {
        if (token == null || token.isBlank()) {
            throw new ApiException.BadRequest("token is required");
        }
        if (newPassword == null || newPassword.length() < 12 || newPassword.length() > 1024) {
            throw new ApiException.BadRequest("The new password is too weak: use 12 to 1024 characters");
        }
        if (weakPassword.test(newPassword)) {
            throw new ApiException.BadRequest("The new password is too weak: it is among the most common passwords");
        }
        Instant now = clock.instant();
        long userId = jdbi.inTransaction(h -> {
            var row = h.createQuery("select user_id, expires_at, used_at from password_resets where token_hash = :hash")
                    .bind("hash", OpaqueSecrets.sha256(token.strip()))
                    .map((rs, ctx) -> new long[] {rs.getLong("user_id"),
                            rs.getTimestamp("expires_at").toInstant().isAfter(now) ? 1 : 0,
                            rs.getTimestamp("used_at") == null ? 0 : 1})
                    .findOne()
                    .orElseThrow(() -> new ApiException.BadRequest("The reset token is not valid"));
            if (row[2] == 1) {
                throw new ApiException.BadRequest("The reset token was already used");
            }
            if (row[1] == 0) {
                throw new ApiException.BadRequest("The reset token has expired");
            }
            // Locking the user serialises confirmations of two of its tokens: the second finds its token spent.
            h.createQuery("select id from users where id = :user for update").bind("user", row[0])
                    .mapTo(Long.class).findOne();
            int spent = h.createUpdate("update password_resets set used_at = :now where token_hash = :hash and used_at is null")
                    .bind("now", now).bind("hash", OpaqueSecrets.sha256(token.strip())).execute();
            if (spent == 0) {
                throw new ApiException.BadRequest("The reset token was already used");
            }
            h.createUpdate("update password_resets set used_at = :now where user_id = :user and used_at is null")
                    .bind("now", now).bind("user", row[0]).execute();
            return row[0];
        });
        users.updatePasswordHash(userId, hasher.hash(newPassword));
        refreshTokens.revokeAllOf(userId);
        UserAccount user = users.byId(userId).orElseThrow(() -> new ApiException.BadRequest(
                "The reset token is not valid"));
        outbox.forget(user.email());
        return user;
    }

}
