package io.tokenworkbench.server.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.auth.LogoutRequest;
import io.tokenworkbench.model.auth.RegisterRequest;
import io.tokenworkbench.model.auth.TokenRequest;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.session.Sessions;


/** Handlers of {@code /v1/auth/register}, {@code /v1/auth/token} and {@code /v1/auth/logout}. */
public final class AuthRoutes {

    private final AuthService auth;
    private final Sessions sessions;

    public AuthRoutes(AuthService auth, Sessions sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    public void register(ServerRequest request, ServerResponse response) {
        JsonBodies.send(response, Status.CREATED_201, auth.register(JsonBodies.read(request, RegisterRequest.class)));
    }

    /** Form-encoded (as OAuth2 clients send it) or JSON with the same fields. */
    public void token(ServerRequest request, ServerResponse response) {
        TokenRequest tokenRequest = readTokenRequest(request);
        JsonBodies.noStore(response);
        JsonBodies.ok(response, auth.token(tokenRequest, ClientIp.of(request)));
    }

    public void logout(ServerRequest request, ServerResponse response) {
        String text = JsonBodies.utf8(request);
        String refreshToken = null;
        if (!text.isBlank()) {
            String type = JsonBodies.mediaType(request);
            refreshToken = type.contains("x-www-form-urlencoded")
                    ? FormFields.parse(text).get("refresh_token")
                    : JsonBodies.parse(text, LogoutRequest.class).refreshToken();
        }
        Caller caller = Access.caller(request);
        auth.logout(caller, refreshToken, ClientIp.of(request));
        if (caller.bySession()) {
            sessions.end(caller.session());
            response.headers().add(HeaderNames.SET_COOKIE, sessions.clearingCookie());
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    private static TokenRequest readTokenRequest(ServerRequest request) {
        String type = JsonBodies.mediaType(request);
        String text = JsonBodies.utf8(request);
        if (type.contains("json")) {
            if (text.isBlank()) {
                throw ApiException.oauth(400, "invalid_request", "The request has no body");
            }
            try {
                return JsonBodies.parse(text, TokenRequest.class);
            } catch (ApiException e) {
                throw ApiException.oauth(e.status(), "invalid_request", e.detail());
            }
        }
        if (!type.isEmpty() && !type.contains("x-www-form-urlencoded")) {
            throw ApiException.oauth(400, "invalid_request",
                    "Send application/x-www-form-urlencoded or application/json");
        }
        var form = FormFields.parse(text);
        return new TokenRequest(form.get("grant_type"), form.get("username"), form.get("password"),
                form.get("refresh_token"), form.get("scope"), form.get("code"), form.get("redirect_uri"),
                form.get("client_id"), form.get("code_verifier"));
    }
}
