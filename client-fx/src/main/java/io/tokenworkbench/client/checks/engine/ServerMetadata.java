package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokenworkbench.client.checks.suite.Auth;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.server.ServerProbe;

import java.io.IOException;
import java.text.ParseException;
import java.util.Optional;

/**
 * What a run needs to know about the server's authorization side, found once and remembered: the token endpoint and
 * the public keys, from the suite's {@code auth} section, else the server's RFC 8414 or OpenID Connect metadata, else
 * our contract's paths. Thread-safe.
 */
final class ServerMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestSender sender;
    private final Auth auth;
    private JsonNode document;
    private boolean looked;
    private JWKSet keys;

    ServerMetadata(RequestSender sender, Auth auth) {
        this.sender = sender;
        this.auth = auth;
    }

    /** The token endpoint's URL. */
    String tokenEndpoint() {
        return absolute(auth.tokenEndpoint().or(() -> field("token_endpoint")).orElse(Auth.DEFAULT_TOKEN_ENDPOINT));
    }

    /** The authorization endpoint's URL, from the metadata; empty when the server names none. */
    Optional<String> authorizationEndpoint() {
        return field("authorization_endpoint").map(this::absolute);
    }

    /** The issuer the metadata names, which a browser login's redirect must carry as {@code iss} (RFC 9207). */
    Optional<String> issuer() {
        return field("issuer");
    }

    /** The server's public keys; throws {@link IllegalStateException} saying where they were looked for. */
    synchronized JWKSet keys() {
        if (keys == null) {
            String url = absolute(auth.jwksUri().or(() -> field("jwks_uri")).orElse(Auth.DEFAULT_JWKS));
            ApiResult result = sender.send(ApiRequest.get(url, ""), null);
            if (!(result instanceof ApiResult.Response response) || !response.isSuccess()) {
                throw new IllegalStateException("the server's keys could not be read from " + url + " ("
                        + RequestSender.describe(result) + "); name them with auth.jwks_uri");
            }
            try {
                keys = JWKSet.parse(response.body());
            } catch (ParseException e) {
                throw new IllegalStateException(url + " is not a JWK Set");
            }
        }
        return keys;
    }

    private synchronized Optional<String> field(String name) {
        if (!looked) {
            looked = true;
            for (String path : ServerProbe.METADATA_PATHS) {
                if (sender.send(ApiRequest.get(sender.server(), path), null) instanceof ApiResult.Response r
                        && r.isSuccess()) {
                    try {
                        JsonNode json = JSON.readTree(r.body());
                        if (json != null && json.isObject()) {
                            document = json;
                            break;
                        }
                    } catch (IOException e) {
                        // not metadata; try the next place
                    }
                }
            }
        }
        return document == null || !document.path(name).isTextual() ? Optional.empty()
                : Optional.of(document.get(name).asText());
    }

    private String absolute(String pathOrUrl) {
        return ApiRequest.join(sender.server(), pathOrUrl);
    }
}
