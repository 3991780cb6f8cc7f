package io.tokenworkbench.client.server;

import com.nimbusds.jose.jwk.JWKSet;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.text.ParseException;
import java.util.List;

/**
 * Blocking questions to a server: is it there, where is its token endpoint, and what are its public keys.
 * Thread-safe; call off the UI thread.
 */
public final class ServerProbe {

    /** Where authorization servers describe themselves: RFC 8414, then OpenID Connect Discovery. */
    public static final List<String> METADATA_PATHS = List.of("/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration");
    /** The title of our backend's OpenAPI document, by which the workbench knows a server speaks its contract. */
    public static final String CONTRACT_TITLE = "Token Workbench API";
    /** Our contract's token endpoint, for servers that publish no metadata. */
    public static final String DEFAULT_TOKEN_ENDPOINT = "/v1/auth/token";

    private final ApiClient api;

    public ServerProbe(ApiClient api) {
        this.api = api;
    }

    /** Whether the server answers HTTP. */
    public sealed interface Reachability {
        record Reachable() implements Reachability {
        }

        record Unreachable(String reason) implements Reachability {
        }
    }

    /**
     * Whether the server answers HTTP at all on {@code probePath}: any status counts, since an API need not have a
     * page at any particular path (a 404 from {@code /} is a live server).
     */
    public Reachability reach(String baseUrl, String probePath) {
        ApiRequest request;
        try {
            request = ApiRequest.get(baseUrl, probePath == null || probePath.isBlank() ? "/" : probePath.strip());
        } catch (IllegalArgumentException e) {
            return new Reachability.Unreachable(e.getMessage());
        }
        return switch (api.send(request)) {
            case ApiResult.Response r -> new Reachability.Reachable();
            case ApiResult.Failure f -> new Reachability.Unreachable(f.reason());
        };
    }

    /**
     * The server's token endpoint: the {@code token_endpoint} of its metadata when it publishes some, else our
     * contract's {@value #DEFAULT_TOKEN_ENDPOINT}.
     */
    public String tokenEndpoint(String baseUrl) {
        return metadataField(baseUrl, "token_endpoint").orElse(ApiRequest.join(baseUrl, DEFAULT_TOKEN_ENDPOINT));
    }

    /** A text member of the server's metadata, from the first of {@link #METADATA_PATHS} that answers with JSON. */
    public java.util.Optional<String> metadataField(String baseUrl, String name) {
        for (String path : METADATA_PATHS) {
            ApiRequest request;
            try {
                request = ApiRequest.get(baseUrl, path);
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
            if (api.send(request) instanceof ApiResult.Response r && r.isSuccess()) {
                try {
                    com.fasterxml.jackson.databind.JsonNode json = io.tokenworkbench.model.json.Json.mapper()
                            .readTree(r.body());
                    if (json != null && json.isObject()) {
                        return json.path(name).isTextual()
                                ? java.util.Optional.of(ApiRequest.join(baseUrl, json.get(name).asText()))
                                : java.util.Optional.empty();
                    }
                } catch (java.io.IOException e) {
                    // not metadata; try the next place
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the server is a Token Workbench backend (its {@code /openapi} document says so), for the pages that
     * only make sense on our contract (posts, TOTP, the built-in suite).
     */
    public boolean speaksContract(String baseUrl) {
        ApiRequest request;
        try {
            request = ApiRequest.get(baseUrl, "/openapi");
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!(api.send(request) instanceof ApiResult.Response r) || !r.isSuccess()) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode document =
                    new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(r.body());
            return document != null && CONTRACT_TITLE.equals(document.path("info").path("title").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The server's JWKS from {@code /.well-known/jwks.json}; throws {@link IllegalStateException} with a reason. */
    public JWKSet jwks(String baseUrl) {
        return switch (api.send(ApiRequest.get(baseUrl, "/.well-known/jwks.json"))) {
            case ApiResult.Response r when r.isSuccess() -> {
                try {
                    yield JWKSet.parse(r.body());
                } catch (ParseException e) {
                    throw new IllegalStateException("The server's JWKS is not valid JSON Web Key Set");
                }
            }
            case ApiResult.Response r -> throw new IllegalStateException("The JWKS endpoint answered " + r.status());
            case ApiResult.Failure f -> throw new IllegalStateException(f.reason());
        };
    }
}
