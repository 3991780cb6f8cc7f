package io.tokenworkbench.server.token;

import io.tokenworkbench.server.security.OpaqueSecrets;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens (256 random bits), stored as SHA-256 hashes, rotated on every use. A token presented a
 * second time revokes its whole family, since either its holder or a thief is replaying it (RFC 9700 §4.14), and
 * with it the access tokens issued alongside. Spending a token and inserting its successor happen in one
 * transaction, so a concurrent reuse either sees the successor and revokes it too, or waits for it. Thread-safe.
 */
public final class RefreshTokens {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lifetime;
    private final TokenInvalidations invalidations;

    public RefreshTokens(Jdbi jdbi, Clock clock, Duration lifetime, TokenInvalidations invalidations) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifetime = lifetime;
        this.invalidations = invalidations;
    }

    /** The access token issued together with a refresh token, and the refresh token's scope. */
    public interface Successor {
        String scope();

        String accessJti();

        Instant accessExpiresAt();
    }

    /** What spending a refresh token concluded. */
    public sealed interface Spend<T extends Successor> {
        /** Spent now; its successor, in the same family, is {@code refreshToken}. */
        record Rotated<T extends Successor>(long userId, String familyId, String refreshToken, T successor)
                implements Spend<T> {
            @Override
            public String toString() {
                return "Rotated[user=" + userId + ", family=" + familyId + "]";
            }
        }

        /** Already spent or revoked: the family is revoked now. */
        record Reused<T extends Successor>(long userId, String familyId) implements Spend<T> {
        }

        /** Unknown or expired. */
        record Invalid<T extends Successor>(String reason) implements Spend<T> {
        }
    }

    /** Issues a refresh token in a new family, beside the access token {@code access} describes. */
    public String issue(long userId, Successor access) {
        return jdbi.inTransaction(h -> insert(h, userId, UUID.randomUUID().toString(), access));
    }

    private String insert(org.jdbi.v3.core.Handle h, long userId, String familyId, Successor access) {
        String token = OpaqueSecrets.generate();
        Instant now = clock.instant();
        h.createUpdate("""
                        insert into refresh_tokens (token_hash, family_id, user_id, scope, issued_at, expires_at,
                                                    access_jti, access_expires_at)
                        values (:hash, :family, :user, :scope, :now, :exp, :jti, :accessExp)""")
                .bind("hash", OpaqueSecrets.sha256(token)).bind("family", familyId).bind("user", userId)
                .bind("scope", access.scope()).bind("now", now).bind("exp", now.plus(lifetime))
                .bind("jti", access.accessJti()).bind("accessExp", access.accessExpiresAt()).execute();
        return token;
    }

    /**
     * Spends a refresh token and issues its successor in the same transaction: exactly one concurrent caller can
     * rotate it; anyone after that triggers reuse, which revokes the family, successor included.
     *
     * @param next called with the user and the spent token's scope, inside the transaction, to issue the access
     *             token of the new pair (it may throw to refuse; nothing is spent then)
     */
    public <T extends Successor> Spend<T> rotate(String token, java.util.function.BiFunction<Long, String, T> next) {
        String hash = OpaqueSecrets.sha256(token);
        Instant now = clock.instant();
        Spend<T> outcome = jdbi.inTransaction(h -> {
            var row = h.createQuery("""
                            select user_id, scope, family_id, expires_at, used_at, revoked_at
                            from refresh_tokens where token_hash = :hash""")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Row(rs.getLong("user_id"), rs.getString("scope"), rs.getString("family_id"),
                            rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                            rs.getTimestamp("revoked_at") != null))
                    .findOne();
            if (row.isEmpty()) {
                return new Spend.Invalid<T>("The refresh token is not known");
            }
            Row r = row.get();
            if (r.used || r.revoked) {
                revokeFamily(h, r.familyId, now);
                return new Spend.Reused<T>(r.userId, r.familyId);
            }
            if (!r.expiresAt.isAfter(now)) {
                return new Spend.Invalid<T>("The refresh token has expired");
            }
            int spent = h.createUpdate("""
                            update refresh_tokens set used_at = :now
                            where token_hash = :hash and used_at is null and revoked_at is null""")
                    .bind("now", now).bind("hash", hash).execute();
            if (spent == 0) {
                revokeFamily(h, r.familyId, now);
                return new Spend.Reused<T>(r.userId, r.familyId);
            }
            T successor = next.apply(r.userId, r.scope);
            return new Spend.Rotated<>(r.userId, r.familyId, insert(h, r.userId, r.familyId, successor), successor);
        });
        if (outcome instanceof Spend.Reused<T> reused) {
            revokeAccessTokensOfFamily(reused.familyId());
        }
        return outcome;
    }

    /** The family a token belongs to, if the token is known and belongs to the user. */
    public Optional<String> familyOf(String token, long userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select family_id from refresh_tokens where token_hash = :hash and user_id = :user")
                .bind("hash", OpaqueSecrets.sha256(token)).bind("user", userId).mapTo(String.class).findOne());
    }

    /** Revokes a family's refresh tokens and the access tokens issued with them. */
    public void revokeFamily(String familyId) {
        jdbi.useHandle(h -> revokeFamily(h, familyId, clock.instant()));
        revokeAccessTokensOfFamily(familyId);
    }

    /** Revokes every refresh token of a user and the access tokens issued with them (password reset, deletion). */
    public void revokeAllOf(long userId) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate(
                        "update refresh_tokens set revoked_at = :now where user_id = :user and revoked_at is null")
                .bind("now", now).bind("user", userId).execute());
        jdbi.withHandle(h -> h.createQuery("""
                        select access_jti, access_expires_at from refresh_tokens
                        where user_id = :user and access_jti is not null and access_expires_at > :now""")
                .bind("user", userId).bind("now", now)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list())
                .forEach(access -> invalidations.revokeToken(access.getKey(), access.getValue()));
    }

    private void revokeAccessTokensOfFamily(String familyId) {
        jdbi.withHandle(h -> h.createQuery("""
                        select access_jti, access_expires_at from refresh_tokens
                        where family_id = :family and access_jti is not null and access_expires_at > :now""")
                .bind("family", familyId).bind("now", clock.instant())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list())
                .forEach(access -> invalidations.revokeToken(access.getKey(), access.getValue()));
    }

    private static void revokeFamily(org.jdbi.v3.core.Handle h, String familyId, Instant now) {
        h.createUpdate("update refresh_tokens set revoked_at = :now where family_id = :family and revoked_at is null")
                .bind("now", now).bind("family", familyId).execute();
    }

    private record Row(long userId, String scope, String familyId, Instant expiresAt, boolean used, boolean revoked) {
    }
}
