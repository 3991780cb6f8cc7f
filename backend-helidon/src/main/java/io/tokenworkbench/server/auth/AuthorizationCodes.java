package io.tokenworkbench.server.auth;

import io.tokenworkbench.server.security.OpaqueSecrets;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** The {@code authorization_codes} table: codes stored as SHA-256 hashes, spent once. */
public final class AuthorizationCodes {

    /** A code as it was issued, and whether (when) it was spent before. */
    record Code(String clientId, String redirectUri, String codeChallenge, long userId, String scope,
                Instant expiresAt, Instant usedAt, String familyId) {
    }

    private final Jdbi jdbi;

    public AuthorizationCodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores a new code and returns it (the only time it exists in the clear). */
    String issue(String clientId, String redirectUri, String codeChallenge, long userId, String scope,
                 Instant expiresAt) {
        String code = OpaqueSecrets.generate();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into authorization_codes (code_hash, client_id, redirect_uri, code_challenge, user_id,
                                                         scope, expires_at)
                        values (:hash, :client, :redirect, :challenge, :user, :scope, :expires)""")
                .bind("hash", OpaqueSecrets.sha256(code)).bind("client", clientId).bind("redirect", redirectUri)
                .bind("challenge", codeChallenge).bind("user", userId).bind("scope", scope)
                .bind("expires", expiresAt).execute());
        return code;
    }

    /**
     * Marks the code spent, at most once: the code as issued, with {@code usedAt} null for the one caller that spent
     * it now and the earlier time for everyone after; empty for a code never issued.
     */
    Optional<Code> spend(String code, Instant now) {
        String hash = OpaqueSecrets.sha256(code);
        return jdbi.inTransaction(handle -> {
            Optional<Code> found = handle.createQuery("""
                            select client_id, redirect_uri, code_challenge, user_id, scope, expires_at, used_at,
                                   family_id
                            from authorization_codes where code_hash = :hash""")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Code(rs.getString("client_id"), rs.getString("redirect_uri"),
                            rs.getString("code_challenge"), rs.getLong("user_id"), rs.getString("scope"),
                            rs.getTimestamp("expires_at").toInstant(),
                            rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant(),
                            rs.getString("family_id")))
                    .findOne();
            if (found.isEmpty() || found.get().usedAt() != null) {
                return found;
            }
            int spent = handle.createUpdate("update authorization_codes set used_at = :now "
                            + "where code_hash = :hash and used_at is null")
                    .bind("now", now).bind("hash", hash).execute();
            return spent == 1 ? found : found.map(c -> new Code(c.clientId(), c.redirectUri(), c.codeChallenge(),
                    c.userId(), c.scope(), c.expiresAt(), now, c.familyId()));
        });
    }

    /** Remembers the refresh family issued for a code, to end it if the code comes back. */
    void rememberFamily(String code, String familyId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "update authorization_codes set family_id = :family where code_hash = :hash")
                .bind("family", familyId).bind("hash", OpaqueSecrets.sha256(code)).execute());
    }
}
