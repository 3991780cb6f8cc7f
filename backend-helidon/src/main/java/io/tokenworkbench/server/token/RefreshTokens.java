package io.tokenworkbench.server.token;

import io.tokenworkbench.server.security.OpaqueSecrets;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens (256 random bits), stored as SHA-256 hashes, rotated on every use. A token presented a
 * second time revokes its whole family, since either its holder or a thief is replaying it (RFC 9700 §4.14).
 * Thread-safe.
 */
public final class RefreshTokens {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lifetime;

    public RefreshTokens(Jdbi jdbi, Clock clock, Duration lifetime) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** What spending a refresh token concluded. */
    public sealed interface Spend {
        /** Spent now; issue a new pair in the same family. */
        record Rotated(long userId, String scope, String familyId) implements Spend {
        }

        /** Already spent or revoked: the family is revoked now. */
        record Reused(long userId, String familyId) implements Spend {
        }

        /** Unknown or expired. */
        record Invalid(String reason) implements Spend {
        }
    }

    /** Issues a refresh token in a new family. */
    public String issue(long userId, String scope) {
        return issue(userId, scope, UUID.randomUUID().toString());
    }

    /** Issues a refresh token in the given family. */
    public String issue(long userId, String scope, String familyId) {
        String token = OpaqueSecrets.generate();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into refresh_tokens (token_hash, family_id, user_id, scope, issued_at, expires_at)
                        values (:hash, :family, :user, :scope, :now, :exp)""")
                .bind("hash", OpaqueSecrets.sha256(token)).bind("family", familyId).bind("user", userId).bind("scope", scope)
                .bind("now", now).bind("exp", now.plus(lifetime)).execute());
        return token;
    }

    /** Spends a refresh token: exactly one concurrent caller can rotate it; anyone after that triggers reuse. */
    public Spend spend(String token) {
        String hash = OpaqueSecrets.sha256(token);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            var row = h.createQuery("""
                            select user_id, scope, family_id, expires_at, used_at, revoked_at
                            from refresh_tokens where token_hash = :hash""")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Row(rs.getLong("user_id"), rs.getString("scope"), rs.getString("family_id"),
                            rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                            rs.getTimestamp("revoked_at") != null))
                    .findOne();
            if (row.isEmpty()) {
                return new Spend.Invalid("The refresh token is not known");
            }
            Row r = row.get();
            if (r.used || r.revoked) {
                revokeFamily(h, r.familyId, now);
                return new Spend.Reused(r.userId, r.familyId);
            }
            if (!r.expiresAt.isAfter(now)) {
                return new Spend.Invalid("The refresh token has expired");
            }
            int spent = h.createUpdate("""
                            update refresh_tokens set used_at = :now
                            where token_hash = :hash and used_at is null and revoked_at is null""")
                    .bind("now", now).bind("hash", hash).execute();
            if (spent == 0) {
                revokeFamily(h, r.familyId, now);
                return new Spend.Reused(r.userId, r.familyId);
            }
            return new Spend.Rotated(r.userId, r.scope, r.familyId);
        });
    }

    /** The family a token belongs to, if the token is known and belongs to the user. */
    public Optional<String> familyOf(String token, long userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select family_id from refresh_tokens where token_hash = :hash and user_id = :user")
                .bind("hash", OpaqueSecrets.sha256(token)).bind("user", userId).mapTo(String.class).findOne());
    }

    public void revokeFamily(String familyId) {
        jdbi.useHandle(h -> revokeFamily(h, familyId, clock.instant()));
    }

    /** Revokes every refresh token of a user (password reset, deletion). */
    public void revokeAllOf(long userId) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update refresh_tokens set revoked_at = :now where user_id = :user and revoked_at is null")
                .bind("now", clock.instant()).bind("user", userId).execute());
    }

    private static void revokeFamily(org.jdbi.v3.core.Handle h, String familyId, Instant now) {
        h.createUpdate("update refresh_tokens set revoked_at = :now where family_id = :family and revoked_at is null")
                .bind("now", now).bind("family", familyId).execute();
    }

    private record Row(long userId, String scope, String familyId, Instant expiresAt, boolean used, boolean revoked) {
    }
}
