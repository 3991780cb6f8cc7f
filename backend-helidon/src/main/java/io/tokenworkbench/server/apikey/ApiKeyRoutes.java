package io.tokenworkbench.server.apikey;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.apikey.ApiKeyRequest;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.Gate;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;

/** {@code /v1/api-keys…} and {@code /v1/data} behind {@code X-API-Key}. */
public final class ApiKeyRoutes {

    private static final String CHALLENGE = "ApiKey realm=\"api\", header=\"X-API-Key\"";

    private final ApiKeys keys;
    private final RateLimits rateLimits;
    private final AuditLog audit;

    public ApiKeyRoutes(ApiKeys keys, RateLimits rateLimits, AuditLog audit) {
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.audit = audit;
    }

    public void create(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        var created = keys.create(caller.userId(), JsonBodies.read(request, ApiKeyRequest.class).name());
        audit.record(AuditLog.Event.API_KEY_CREATE, true, caller.userId(), caller.username(), ClientIp.of(request),
                "key " + created.prefix() + "…");
        JsonBodies.noStore(response);
        JsonBodies.send(response, Status.CREATED_201, created);
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, keys.list(Access.caller(request).userId()));
    }

    public void delete(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        long id = PathParams.id(request, "id");
        keys.delete(caller.userId(), id);
        audit.record(AuditLog.Event.API_KEY_DELETE, true, caller.userId(), caller.username(), ClientIp.of(request),
                "key id " + id);
        response.status(Status.NO_CONTENT_204).send();
    }

    /** The gate of {@code /v1/data}: a known key in {@code X-API-Key}, then 100 requests/hour per key. */
    public Gate apiKey() {
        return Gate.of("api-key", (request, response) -> {
            String presented = request.headers().first(HeaderNames.create("X-API-Key")).orElse(null);
            ApiKeys.KeyOwner owner = keys.authenticate(presented).orElseThrow(() -> ApiException.unauthorized(
                    presented == null ? "This endpoint needs an X-API-Key header" : "The API key is not valid",
                    CHALLENGE));
            rateLimits.consume(RateLimitPolicy.DATA, "key-" + owner.keyId(), response);
            request.context().register(owner);
            response.next();
        });
    }

    public void data(ServerRequest request, ServerResponse response) {
        ApiKeys.KeyOwner owner = request.context().get(ApiKeys.KeyOwner.class).orElseThrow();
        JsonBodies.ok(response, new Message("data for the holder of key " + owner.prefix() + "…"));
    }
}
