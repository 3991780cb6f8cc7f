package io.tokenworkbench.server.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokenworkbench.model.dev.DevTokenRequest;
import io.tokenworkbench.model.dev.DevTokenResponse;
import io.tokenworkbench.model.json.Json;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.TokenIssuer;
import io.tokenworkbench.server.token.TokenSubject;
import io.tokenworkbench.server.user.UserService;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The dev-mode token mint behind {@code POST /v1/dev/tokens}: properly signed access tokens with any lifetime and edited claims or
 * header, so that the server's own checks can be exercised with valid signatures, and on request a refresh token,
 * so that sessions can be had without spending the token endpoint's rate limit.
 */
public final class DevTokenMint {

    private static final long MAX_LIFETIME_SECONDS = Duration.ofDays(3650).toSeconds();

    private final UserService users;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;

    public DevTokenMint(UserService users, TokenIssuer issuer, RefreshTokens refreshTokens) {
        this.users = users;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
    }

    /** A signed access token as the request describes it, and a refresh token when asked for. */
    public DevTokenResponse mint(DevTokenRequest body) {
        if (body.username() == null || body.username().isBlank()) {
            throw ApiException.badRequest("username is required");
        }
        TokenSubject user = users.tokenSubject(body.username().strip())
                .orElseThrow(() -> ApiException.badRequest("No user " + body.username().strip()));
        long lifetime = body.expiresIn() == null ? 900 : body.expiresIn();
        long notBefore = body.notBeforeIn() == null ? 0 : body.notBeforeIn();
        if (Math.abs(lifetime) > MAX_LIFETIME_SECONDS || Math.abs(notBefore) > MAX_LIFETIME_SECONDS) {
            throw ApiException.badRequest("expires_in and not_before_in must be within ten years");
        }
        Set<String> scopes = Permissions.narrow(user.roles(), body.scope());
        JWTClaimsSet claims = merge(issuer.defaultClaims(user, scopes, Duration.ofSeconds(lifetime),
                Duration.ofSeconds(notBefore)), body.claims());
        JWSHeader header = header(body.header());
        String refreshToken = Boolean.TRUE.equals(body.refresh())
                ? refreshTokens.issue(user.id(), new MintedAccess(Permissions.formatScope(scopes), claims.getJWTID(),
                        claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant()))
                : null;
        return new DevTokenResponse(issuer.sign(header, claims), "Bearer", lifetime, refreshToken);
    }

    /** The minted access token as its refresh token's family remembers it (revoked with the family). */
    private record MintedAccess(String scope, String accessJti, Instant accessExpiresAt)
            implements RefreshTokens.Successor {
    }

    private static JWTClaimsSet merge(JWTClaimsSet defaults, JsonNode overrides) {
        if (overrides == null || overrides.isNull()) {
            return defaults;
        }
        if (!overrides.isObject()) {
            throw ApiException.badRequest("claims must be a JSON object");
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(defaults.toJSONObject());
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.put(field.getKey(), Json.mapper().convertValue(field.getValue(), Object.class));
            }
        }
        try {
            return JWTClaimsSet.parse(merged);
        } catch (java.text.ParseException e) {
            throw ApiException.badRequest("The claims do not form a valid JWT claims set");
        }
    }

    private JWSHeader header(JsonNode overrides) {
        JWSHeader.Builder header = issuer.defaultHeader();
        if (overrides == null || overrides.isNull()) {
            return header.build();
        }
        if (!overrides.isObject()) {
            throw ApiException.badRequest("header must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "typ" -> header.type(value.isNull() ? null : new JOSEObjectType(value.asText()));
                case "kid" -> header.keyID(value.isNull() ? null : value.asText());
                default -> throw ApiException.badRequest("header may set only typ and kid");
            }
        }
        return header.build();
    }
}
