package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenworkbench.client.forge.SigningKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a suite's identities authenticate against the API, beyond the defaults.
 *
 * @param tokenEndpoint the OAuth2 token endpoint (path or URL); empty: the server's metadata says, else
 *                      {@code /v1/auth/token}
 * @param jwksUri       where the server's public keys are (path or URL); empty: metadata, else
 *                      {@code /.well-known/jwks.json}
 * @param authorizationEndpoint the browser login's page (path or URL), for {@code authorization_code}
 *                      identities; empty: the server's metadata says
 * @param login         a custom login exchange for APIs that are not OAuth2
 * @param keys          keys the tester holds, by name, for signing and re-signing tokens
 * @param source        the {@code auth} section as written (references unresolved), to write the suite back
 */
public record Auth(Optional<String> tokenEndpoint, Optional<String> jwksUri, Optional<String> authorizationEndpoint,
                   Optional<CustomLogin> login, Map<String, SigningKey> keys, JsonNode source) {

    public static final String DEFAULT_TOKEN_ENDPOINT = io.tokenworkbench.client.server.ServerProbe.DEFAULT_TOKEN_ENDPOINT;
    public static final String DEFAULT_JWKS = "/.well-known/jwks.json";

    public Auth {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** No auth section: OAuth2 at the metadata's or our default token endpoint, no keys. */
    public static Auth none() {
        return new Auth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), null);
    }

    /** The same, with this token endpoint (path or URL). */
    public Auth withTokenEndpoint(String url) {
        return new Auth(Optional.of(url), jwksUri, authorizationEndpoint, login, keys, source);
    }

    @Override
    public String toString() {
        return "Auth[tokenEndpoint=" + tokenEndpoint + ", login=" + login.isPresent() + ", keys=" + keys.keySet() + "]";
    }
}
