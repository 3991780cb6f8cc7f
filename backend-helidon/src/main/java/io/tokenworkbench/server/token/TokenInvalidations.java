package io.tokenworkbench.server.token;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Revoked access tokens and blocked (deleted or deactivated) users, held in memory so that verifying a token
 * does not touch the database. Writes go to the database and to memory together, so a revocation takes effect on
 * this instance's very next request; other instances sharing the database replay the ordered
 * {@code token_invalidations} log at most {@code syncInterval} after the change (one indexed query, only when a
 * request arrives). Thread-safe.
 */
public final class TokenInvalidations {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration syncInterval;
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    private final Set<Long> blockedUsers = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastSeq = new AtomicLong();
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile Instant nextSync = Instant.MIN;

    public TokenInvalidations(Jdbi jdbi, Clock clock, Duration syncInterval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.syncInterval = syncInterval;
        jdbi.useHandle(handle -> handle.createQuery("select id from users where is_active = false")
                .mapTo(Long.class).forEach(blockedUsers::add));
        sync();
    }

    /** True when the token with this {@code jti} was revoked. */
    public boolean isRevoked(String jti) {
        syncIfDue();
        return revokedTokens.containsKey(jti);
    }

    /** True when the user was deleted or deactivated: none of their tokens is valid any more. */
    public boolean isBlocked(long userId) {
        syncIfDue();
        return blockedUsers.contains(userId);
    }

    /** Revokes one access token until it would have expired anyway. */
    public void revokeToken(String jti, Instant expiresAt) {
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(handle -> {
                handle.createUpdate("insert into revoked_tokens (jti, expires_at, revoked_at) values (:jti, :exp, :now)")
                        .bind("jti", jti).bind("exp", expiresAt).bind("now", now).execute();
                log(handle, "TOKEN", null, jti, expiresAt, now);
            });
        } catch (RuntimeException e) {
            // Revoked already (perhaps at this very moment by another request): nothing more to do.
            if (!io.tokenworkbench.server.db.Database.isUniqueViolation(e)) {
                throw e;
            }
        }
        revokedTokens.put(jti, expiresAt);
    }

    /** Blocks every token of a user (deleted or deactivated). */
    public void blockUser(long userId) {
        jdbi.useHandle(handle -> log(handle, "USER", userId, null, null, clock.instant()));
        blockedUsers.add(userId);
    }

    /** Lifts a block (a deactivated user activated again); their old tokens still fail their own checks. */
    public void unblockUser(long userId) {
        jdbi.useHandle(handle -> log(handle, "UNBLOCK", userId, null, null, clock.instant()));
        blockedUsers.remove(userId);
    }

    private static void log(org.jdbi.v3.core.Handle handle, String kind, Long userId, String jti, Instant expiresAt,
                            Instant at) {
        handle.createUpdate("""
                        insert into token_invalidations (kind, user_id, jti, expires_at, at)
                        values (:kind, :user, :jti, :exp, :at)""")
                .bind("kind", kind).bind("user", userId).bind("jti", jti).bind("exp", expiresAt).bind("at", at)
                .execute();
    }

    private void syncIfDue() {
        if (clock.instant().isAfter(nextSync) && syncLock.tryLock()) {
            try {
                sync();
            } finally {
                syncLock.unlock();
            }
        }
    }

    private void sync() {
        Instant now = clock.instant();
        jdbi.useHandle(handle -> handle.createQuery("""
                        select seq, kind, user_id, jti, expires_at from token_invalidations
                        where seq > :seq order by seq""")
                .bind("seq", lastSeq.get())
                .map((rs, ctx) -> {
                    long seq = rs.getLong("seq");
                    String kind = rs.getString("kind");
                    long user = rs.getLong("user_id");
                    boolean hasUser = !rs.wasNull();
                    String jti = rs.getString("jti");
                    var expires = rs.getTimestamp("expires_at");
                    switch (kind) {
                        case "TOKEN" -> revokedTokens.put(jti, expires.toInstant());
                        case "USER" -> {
                            if (hasUser) {
                                blockedUsers.add(user);
                            }
                        }
                        case "UNBLOCK" -> blockedUsers.remove(user);
                        default -> { }
                    }
                    return seq;
                })
                .forEach(seq -> lastSeq.accumulateAndGet(seq, Math::max)));
        Instant forgetBefore = now.minus(Duration.ofMinutes(5));
        revokedTokens.values().removeIf(expiresAt -> expiresAt.isBefore(forgetBefore));
        nextSync = now.plus(syncInterval);
    }
}
