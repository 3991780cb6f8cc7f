package io.tokenworkbench.client.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * The tokens an identity holds at one moment. Immutable.
 *
 * @param accessToken  the bearer token
 * @param refreshToken the refresh token, or null (a raw token has none)
 * @param issuedAt     when the workbench got it
 * @param expiresAt    when it expires, or null when unknown
 * @param scope        the granted scope, or null
 */
public record TokenSet(String accessToken, String refreshToken, Instant issuedAt, Instant expiresAt, String scope) {

    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
