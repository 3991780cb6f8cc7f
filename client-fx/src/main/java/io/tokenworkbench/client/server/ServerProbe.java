package io.tokenworkbench.client.server;

import com.nimbusds.jose.jwk.JWKSet;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.text.ParseException;

/** Blocking questions to a server: is it there, and what are its public keys. Thread-safe; call off the UI thread. */
public final class ServerProbe {

    private final ApiClient api;

    public ServerProbe(ApiClient api) {
        this.api = api;
    }

    /** Whether the server answers {@code /ping}. */
    public sealed interface Reachability {
        record Reachable() implements Reachability {
        }

        record Unreachable(String reason) implements Reachability {
        }
    }

    public Reachability ping(String baseUrl) {
        ApiRequest request;
        try {
            request = ApiRequest.get(baseUrl, "/ping");
        } catch (IllegalArgumentException e) {
            return new Reachability.Unreachable(e.getMessage());
        }
        return switch (api.send(request)) {
            case ApiResult.Response r when r.isSuccess() -> new Reachability.Reachable();
            case ApiResult.Response r -> new Reachability.Unreachable("/ping answered " + r.status());
            case ApiResult.Failure f -> new Reachability.Unreachable(f.reason());
        };
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
