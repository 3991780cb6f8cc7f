package io.tokenworkbench.server.discovery;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.auth.AuthorizationServerMetadata;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.model.common.Ping;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.token.SigningKeys;

import io.tokenworkbench.model.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The public, self-describing routes: ping, the protected probe, RFC 8414 metadata, the JWKS and OpenAPI. */
public final class DiscoveryRoutes {

    private final Supplier<String> publicUrl;
    private final byte[] jwks;
    private final byte[] openApi;
    private final byte[] openApiJson;

    /**
     * @param publicUrl the issuer, and the base URL the metadata's endpoints are built on: configuration (or the
     *                  listening address in dev mode), never a request header
     */
    public DiscoveryRoutes(Supplier<String> publicUrl, SigningKeys keys) {
        this.publicUrl = publicUrl;
        this.jwks = keys.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
        try (InputStream in = DiscoveryRoutes.class.getResourceAsStream("/openapi.yaml")) {
            this.openApi = in.readAllBytes();
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(openApi, StandardCharsets.UTF_8));
            this.openApiJson = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The OpenAPI document is missing from the classpath", e);
        }
    }

    public void ping(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, Ping.pong());
    }

    public void protectedResource(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, new Message("protected resource"));
    }

    /** A stand-in for costly work, rate limited per user. */
    public void expensiveOperation(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, new Message("expensive operation done"));
    }

    public void metadata(ServerRequest request, ServerResponse response) {
        String base = publicUrl.get();
        JsonBodies.ok(response, new AuthorizationServerMetadata(base, base + "/oauth/authorize",
                base + "/v1/auth/token", base + "/.well-known/jwks.json",
                List.of("authorization_code", "password", "refresh_token"), Permissions.ALL, List.of("code"),
                List.of("none"), List.of("S256"), true));
    }

    public void jwks(ServerRequest request, ServerResponse response) {
        response.headers().set(HeaderNames.CONTENT_TYPE, "application/jwk-set+json");
        response.headers().set(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        JsonBodies.sendBytes(response.status(Status.OK_200), jwks);
    }

    /**
     * The OpenAPI document: YAML, or JSON for {@code ?format=json} or a client that accepts JSON and not YAML (as
     * Helidon's OpenAPI support serves it).
     */
    public void openApi(ServerRequest request, ServerResponse response) {
        boolean json = request.query().first("format").map("json"::equalsIgnoreCase)
                .orElseGet(() -> request.headers().first(HeaderNames.ACCEPT)
                        .map(accept -> accept.contains("json") && !accept.contains("yaml"))
                        .orElse(false));
        response.headers().set(HeaderNames.VARY, "Accept");
        response.headers().set(HeaderNames.CONTENT_TYPE, json ? "application/json" : "application/yaml");
        JsonBodies.sendBytes(response.status(Status.OK_200), json ? openApiJson : openApi);
    }
}
