package io.tokenworkbench.server.passwordreset;

import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.mail.Outbox;
import io.tokenworkbench.server.security.OpaqueSecrets;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.session.Sessions;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Password reset without account enumeration: a request answers the same, after the same work, whether or not the
 * email is known (a known email's work runs in the background); each address gets a few reset mails an hour; the reset token is 256 random bits, kept only as a SHA-256 hash (enough for a high-entropy
 * secret, unlike a password), usable once, for one hour; a completed reset spends every other outstanding reset
 * token of the user, revokes all its refresh tokens and ends all its sessions.
 * Thread-safe.
 */
public final class PasswordResets {

    public static final Duration LIFETIME = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final RefreshTokens refreshTokens;
    private final Outbox outbox;
    private final Executor mailWork;
    private final Predicate<String> mailAllowed;
    private final Predicate<String> weakPassword;
    private final Clock clock;
    private final Sessions sessions;

    /**
     * @param mailWork    runs a known email's token write and mail off the request thread, in order with the outbox
     * @param mailAllowed spends one of an email address's reset mails; false when its quota is spent
     */
    public PasswordResets(Jdbi jdbi, UserRepository users, PasswordHasher hasher, RefreshTokens refreshTokens,
                          Outbox outbox, Executor mailWork, Predicate<String> mailAllowed,
                          Predicate<String> weakPassword, Clock clock, Sessions sessions) {
        this.sessions = sessions;
        this.jdbi = jdbi;
        this.users = users;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.mailWork = mailWork;
        this.mailAllowed = mailAllowed;
        this.weakPassword = weakPassword;
        this.clock = clock;
    }

    /** What a reset request led to, for the audit log; the caller's answer is the same in every case. */
    public sealed interface Requested {
        /** The email is known; the token is stored and the mail sent in the background. */
        record MailQueued(UserAccount user) implements Requested {
        }

        /** No account has this email. */
        record UnknownEmail() implements Requested {
        }

        /** The address had its quota of reset mail; nothing was sent. {@code user} is empty for an unknown email. */
        record MailLimitReached(Optional<UserAccount> user) implements Requested {
        }
    }

    /**
     * Starts a reset when the email is known and its mail quota allows. The database write and the mail run on the
     * background executor, so a known email is answered after the same work as an unknown one: one lookup.
     */
    public Requested request(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw ApiException.badRequest("email is required");
        }
        Optional<UserAccount> user = users.byEmail(email.strip());
        if (!mailAllowed.test(email.strip())) {
            return new Requested.MailLimitReached(user);
        }
        if (user.isEmpty()) {
            return new Requested.UnknownEmail();
        }
        UserAccount account = user.get();
        Instant expires = clock.instant().plus(LIFETIME);
        mailWork.execute(() -> {
            String token = OpaqueSecrets.generate();
            jdbi.useHandle(h -> h.createUpdate("""
                            insert into password_resets (token_hash, user_id, expires_at) values (:hash, :user, :exp)""")
                    .bind("hash", OpaqueSecrets.sha256(token)).bind("user", account.id()).bind("exp", expires)
                    .execute());
            outbox.send(account.email(), "Reset your Token Workbench password",
                    "Someone asked to reset your password. If it was you, use this token within one hour:\n\n"
                            + token + "\n\nPOST it with your new password to /v1/auth/password-reset/confirm.\n"
                            + "If it was not you, ignore this mail.");
        });
        return new Requested.MailQueued(account);
    }

    /** Completes a reset; a bad, used or expired token is a 400. Returns the user whose password changed. */
    public UserAccount confirm(String token, String newPassword) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("token is required");
        }
        if (newPassword == null || newPassword.length() < 12 || newPassword.length() > 1024) {
            throw ApiException.badRequest("The new password is too weak: use 12 to 1024 characters");
        }
        if (weakPassword.test(newPassword)) {
            throw ApiException.badRequest("The new password is too weak: it is among the most common passwords");
        }
        Instant now = clock.instant();
        long userId = jdbi.inTransaction(h -> {
            var row = h.createQuery("select user_id, expires_at, used_at from password_resets where token_hash = :hash")
                    .bind("hash", OpaqueSecrets.sha256(token.strip()))
                    .map((rs, ctx) -> new long[] {rs.getLong("user_id"),
                            rs.getTimestamp("expires_at").toInstant().isAfter(now) ? 1 : 0,
                            rs.getTimestamp("used_at") == null ? 0 : 1})
                    .findOne()
                    .orElseThrow(() -> ApiException.badRequest("The reset token is not valid"));
            if (row[2] == 1) {
                throw ApiException.badRequest("The reset token was already used");
            }
            if (row[1] == 0) {
                throw ApiException.badRequest("The reset token has expired");
            }
            // Locking the user serialises confirmations of two of its tokens: the second finds its token spent.
            h.createQuery("select id from users where id = :user for update").bind("user", row[0])
                    .mapTo(Long.class).findOne();
            int spent = h.createUpdate("update password_resets set used_at = :now where token_hash = :hash and used_at is null")
                    .bind("now", now).bind("hash", OpaqueSecrets.sha256(token.strip())).execute();
            if (spent == 0) {
                throw ApiException.badRequest("The reset token was already used");
            }
            h.createUpdate("update password_resets set used_at = :now where user_id = :user and used_at is null")
                    .bind("now", now).bind("user", row[0]).execute();
            return row[0];
        });
        users.updatePasswordHash(userId, hasher.hash(newPassword));
        refreshTokens.revokeAllOf(userId);
        sessions.endAllOf(userId);
        UserAccount user = users.byId(userId).orElseThrow(() -> ApiException.badRequest(
                "The reset token is not valid"));
        outbox.forget(user.email());
        return user;
    }

}
