package io.tokenworkbench.server.basic;

import io.helidon.http.HeaderNames;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.SecurityContext;
import io.helidon.security.SecurityResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.server.auth.LoginThrottle;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.Gate;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code /v1/basic/hello}: HTTP Basic through helidon-security's own HTTP Basic provider, throttled like the token
 * endpoint (the same per-address and per-username buckets count its failures) and within the shared password-hashing
 * slots, so that Basic is neither a way around the login limits nor a cheap way to burn the server's CPU.
 */
public final class BasicRoutes {

    /** The provider's name in the {@code Security} instance. */
    public static final String PROVIDER = "http-basic-auth";
    private static final String CHALLENGE = "Basic realm=\"api\"";

    private final LoginThrottle throttle;
    private final PasswordHasher hasher;

    public BasicRoutes(LoginThrottle throttle, PasswordHasher hasher) {
        this.throttle = throttle;
        this.hasher = hasher;
    }

    /** The gate: valid Basic credentials, else 401 with a Basic challenge (429 when throttled, 503 when busy). */
    public Gate basic() {
        return Gate.of("basic", (request, response) -> {
            SecurityContext context = request.context().get(SecurityContext.class)
                    .orElseThrow(() -> new IllegalStateException("helidon-security is not installed"));
            Optional<String> username = username(request);
            username.ifPresent(name -> throttle.refuseIfLockedOut(request, name));
            AuthenticationResponse atn = hasher.inSlot(() -> context.atnClientBuilder().explicitProvider(PROVIDER)
                    .submit());
            if (atn.status() != SecurityResponse.SecurityStatus.SUCCESS || atn.user().isEmpty()) {
                if (atn.status() != SecurityResponse.SecurityStatus.ABSTAIN) {
                    username.ifPresent(name -> throttle.recordFailure(request, name));
                }
                throw ApiException.unauthorized(atn.status() == SecurityResponse.SecurityStatus.ABSTAIN
                        ? "This endpoint needs HTTP Basic credentials" : "Invalid username or password", CHALLENGE);
            }
            request.context().register(new BasicUser(atn.user().get().principal().getName()));
            response.next();
        });
    }

    public void hello(ServerRequest request, ServerResponse response) {
        String username = request.context().get(BasicUser.class).map(BasicUser::username).orElseThrow();
        JsonBodies.ok(response, new Message("Hello, " + username));
    }

    /**
     * The username of the Basic credentials, read only to pick the throttling bucket before the (costly) check; the
     * check itself is Helidon's provider's.
     */
    private static Optional<String> username(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .flatMap(value -> {
                    try {
                        String pair = new String(Base64.getDecoder().decode(value.substring(6).strip()),
                                StandardCharsets.UTF_8);
                        int colon = pair.indexOf(':');
                        return colon < 0 ? Optional.empty() : Optional.of(pair.substring(0, colon));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }

    private record BasicUser(String username) {
    }
}
