package io.tokenworkbench.server.token;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Revoked access tokens and blocked (unknown, deleted or deactivated) users, held in memory so that verifying a
 * token rarely touches the database. Writes go to the database and to memory together, so a revocation or a
 * deletion through the API takes effect on this instance's very next request; other instances sharing the database
 * replay the ordered {@code token_invalidations} log at most {@code syncInterval} after the change (one indexed
 * query, only when a request arrives). Whether a user exists and is active is read from the {@code users} table
 * and remembered for {@code userCheckInterval}, so a user deactivated or deleted in the database by any other path
 * (SQL, another tool) is refused at most that long after. On PostgreSQL every instance is also woken by a notice
 * when another commits an invalidation ({@link InvalidationNotices}), so in practice the delay is milliseconds.
 * Thread-safe.
 */
public final class TokenInvalidations implements AutoCloseable {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration syncInterval;
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    /** User id → exists and is active, as the database said at most {@code userCheckInterval} ago. */
    private final LoadingCache<Long, Boolean> activeUsers;
    private final AtomicLong lastSeq = new AtomicLong();
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile Instant nextSync = Instant.MIN;
    private final boolean postgres;
    private final InvalidationNotices notices;

    public TokenInvalidations(Jdbi jdbi, Clock clock, Duration syncInterval, Duration userCheckInterval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.syncInterval = syncInterval;
        this.activeUsers = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .expireAfterWrite(userCheckInterval)
                .maximumSize(100_000)
                .build(userId -> jdbi.withHandle(handle -> handle.createQuery(
                                "select is_active from users where id = :id")
                        .bind("id", userId).mapTo(Boolean.class).findOne()).orElse(false));
        this.postgres = jdbi.withHandle(handle -> {
            try {
                return handle.getConnection().getMetaData().getDatabaseProductName();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("The database does not say what it is", e);
            }
        }).equals("PostgreSQL");
        sync();
        this.notices = postgres ? new InvalidationNotices(jdbi, this::syncNow) : null;
    }

    /** Reads what other instances logged, now (a notice said there is something). */
    private void syncNow() {
        syncLock.lock();
        try {
            sync();
        } finally {
            syncLock.unlock();
        }
    }

    /** Stops listening for other instances' notices. */
    @Override
    public void close() {
        if (notices != null) {
            notices.close();
        }
    }

    /** True when the token with this {@code jti} was revoked. */
    public boolean isRevoked(String jti) {
        syncIfDue();
        return revokedTokens.containsKey(jti);
    }

    /** True when the user does not exist (any more) or was deactivated: none of their tokens is valid. */
    public boolean isBlocked(long userId) {
        syncIfDue();
        return !activeUsers.get(userId);
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

    /** Blocks every token of a user just deleted or deactivated, here at once and on other instances soon. */
    public void blockUser(long userId) {
        jdbi.useHandle(handle -> log(handle, "USER", userId, null, null, clock.instant()));
        activeUsers.put(userId, false);
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    private void log(org.jdbi.v3.core.Handle handle, String kind, Long userId, String jti, Instant expiresAt,
                     Instant at) {
        handle.createUpdate("""
                        insert into token_invalidations (kind, user_id, jti, expires_at, at)
                        values (:kind, :user, :jti, :exp, :at)""")
                .bind("kind", kind).bind("user", userId).bind("jti", jti).bind("exp", expiresAt).bind("at", at)
                .execute();
        if (postgres) {
            InvalidationNotices.announce(handle);
        }
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
                        case "USER", "UNBLOCK" -> {
                            if (hasUser) {
                                activeUsers.invalidate(user);
                            }
                        }
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
