package io.tokenworkbench.server.session;

import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.security.OpaqueSecrets;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.security.SessionVerifier;
import io.tokenworkbench.server.security.TokenVerification;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;
import org.jdbi.v3.core.Jdbi;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Cookie sessions, kept in the {@code sessions} table by the hash of their id, so that logout, a password reset or
 * the user's deletion ends them on every instance: each request reads its session. A session ends when unused for
 * the idle timeout and, used or not, at its absolute expiry. Its CSRF token is derived from its id (a keyed hash no
 * one without the HttpOnly cookie can compute), so it needs no storage of its own. Thread-safe.
 */
public final class Sessions implements SessionVerifier {

    /** How stale {@code last_seen_at} may get before a request writes it again (not one write per request). */
    private static final Duration TOUCH_AFTER = Duration.ofMinutes(1);

    /** A new session: its id (the cookie's value) and CSRF token, both known only to the client from now on. */
    public record Started(String id, String csrfToken, Instant expiresAt, Duration idleTimeout) {
        @Override
        public String toString() {
            return "Started[expiresAt=" + expiresAt + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final String cookieName;
    private final boolean secure;

    /**
     * @param secure cookies marked {@code Secure} and named with the {@code __Host-} prefix (RFC 6265bis §4.1.3.2)
     */
    public Sessions(Jdbi jdbi, Clock clock, Duration idleTimeout, Duration absoluteTimeout, boolean secure) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.secure = secure;
        this.cookieName = secure ? "__Host-session" : "session";
    }

    @Override
    public String cookieName() {
        return cookieName;
    }

    /**
     * Starts a session for the user, with a new id whatever the client sent (no fixation), and ends the one the
     * client came with, if any. Sessions long over are cleared out on the way.
     */
    public Started start(long userId, String previousId) {
        String id = OpaqueSecrets.generate();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(absoluteTimeout);
        jdbi.useTransaction(h -> {
            if (previousId != null) {
                h.createUpdate("delete from sessions where id_hash = :hash")
                        .bind("hash", OpaqueSecrets.sha256(previousId)).execute();
            }
            h.createUpdate("delete from sessions where expires_at < :now or last_seen_at < :idle")
                    .bind("now", now).bind("idle", now.minus(idleTimeout)).execute();
            h.createUpdate("""
                            insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
                            values (:hash, :user, :now, :now, :expires)""")
                    .bind("hash", OpaqueSecrets.sha256(id)).bind("user", userId).bind("now", now)
                    .bind("expires", expiresAt).execute();
        });
        return new Started(id, csrfTokenOf(id), expiresAt, idleTimeout);
    }

    /** Ends the session with this id hash (as a {@link Caller} carries it). */
    public void end(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("delete from sessions where id_hash = :hash").bind("hash", idHash).execute());
    }

    /** Ends every session of the user (password reset). */
    public void endAllOf(long userId) {
        jdbi.useHandle(h -> h.createUpdate("delete from sessions where user_id = :user").bind("user", userId)
                .execute());
    }

    @Override
    public TokenVerification verify(String sessionId) {
        String hash = OpaqueSecrets.sha256(sessionId);
        Instant now = clock.instant();
        Optional<Found> found = jdbi.withHandle(h -> h.createQuery("""
                        select s.last_seen_at as session_seen, s.expires_at as session_expires, u.*
                        from sessions s join users u on u.id = s.user_id where s.id_hash = :hash""")
                .bind("hash", hash)
                .map((rs, ctx) -> new Found(UserRepository.MAPPER.map(rs, ctx),
                        rs.getTimestamp("session_seen").toInstant(), rs.getTimestamp("session_expires").toInstant()))
                .findOne());
        if (found.isEmpty()) {
            return new TokenVerification.Rejected("The session has ended (logged out, replaced or expired): log in "
                    + "again");
        }
        Found session = found.get();
        Instant idleEnd = session.lastSeen().plus(idleTimeout);
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(idleEnd)) {
            end(hash);
            return new TokenVerification.Rejected("The session has expired: log in again");
        }
        if (!session.user().active()) {
            return new TokenVerification.Rejected("The user of this session is no longer active");
        }
        if (Duration.between(session.lastSeen(), now).compareTo(TOUCH_AFTER) >= 0) {
            jdbi.useHandle(h -> h.createUpdate("update sessions set last_seen_at = :now where id_hash = :hash")
                    .bind("now", now).bind("hash", hash).execute());
        }
        UserAccount user = session.user();
        Instant ends = session.expiresAt().isBefore(now.plus(idleTimeout)) ? session.expiresAt() : now.plus(idleTimeout);
        return new TokenVerification.Valid(new Caller(user.id(), user.username(), user.roles(),
                Permissions.ofRoles(user.roles()), user.staff(), user.superuser(), "session", ends, hash));
    }

    @Override
    public boolean csrfMatches(String sessionId, String csrfToken) {
        return csrfToken != null && MessageDigest.isEqual(csrfTokenOf(sessionId).getBytes(StandardCharsets.UTF_8),
                csrfToken.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Set-Cookie} value that gives the client its session. */
    public String cookie(Started session) {
        return cookieName + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax"
                + "; Max-Age=" + absoluteTimeout.toSeconds() + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    public String clearingCookie() {
        return cookieName + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "");
    }

    /** SHA-256 over a domain label and the session id: unguessable without the id, which stays in its cookie. */
    private static String csrfTokenOf(String sessionId) {
        return OpaqueSecrets.sha256("csrf-token-of-session:" + sessionId);
    }

    private record Found(UserAccount user, Instant lastSeen, Instant expiresAt) {
    }
}
