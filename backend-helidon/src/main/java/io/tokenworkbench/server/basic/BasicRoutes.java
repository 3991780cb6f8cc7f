package io.tokenworkbench.server.basic;

import io.helidon.security.AuthenticationResponse;
import io.helidon.security.SecurityContext;
import io.helidon.security.SecurityResponse;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;

/** {@code /v1/basic/hello}: HTTP Basic through helidon-security's own HTTP Basic provider. */
public final class BasicRoutes {

    /** The provider's name in the {@code Security} instance. */
    public static final String PROVIDER = "http-basic-auth";
    private static final String CHALLENGE = "Basic realm=\"api\"";

    /** The gate: valid Basic credentials, else 401 with a Basic challenge. */
    public Handler basic() {
        return (request, response) -> {
            SecurityContext context = request.context().get(SecurityContext.class)
                    .orElseThrow(() -> new IllegalStateException("helidon-security is not installed"));
            AuthenticationResponse atn = context.atnClientBuilder().explicitProvider(PROVIDER).submit();
            if (atn.status() != SecurityResponse.SecurityStatus.SUCCESS || atn.user().isEmpty()) {
                throw new ApiException.Unauthorized(atn.status() == SecurityResponse.SecurityStatus.ABSTAIN
                        ? "This endpoint needs HTTP Basic credentials" : "Invalid username or password", CHALLENGE);
            }
            request.context().register(new BasicUser(atn.user().get().principal().getName()));
            response.next();
        };
    }

    public void hello(ServerRequest request, ServerResponse response) {
        String username = request.context().get(BasicUser.class).map(BasicUser::username).orElseThrow();
        JsonBodies.ok(response, new Message("Hello, " + username));
    }

    private record BasicUser(String username) {
    }
}
