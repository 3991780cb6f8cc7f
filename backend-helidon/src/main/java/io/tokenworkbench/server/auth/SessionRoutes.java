package io.tokenworkbench.server.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.auth.SessionRequest;
import io.tokenworkbench.model.auth.SessionResponse;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.session.Sessions;
import io.tokenworkbench.server.user.UserAccount;

import java.util.Map;

/**
 * {@code POST} and {@code DELETE /v1/auth/session}: logging in to a cookie session (password, and the TOTP code
 * when the account has one) and out of it. The session then passes every gate a bearer token passes.
 */
public final class SessionRoutes {

    private final AuthService auth;
    private final Sessions sessions;
    private final AuditLog audit;

    public SessionRoutes(AuthService auth, Sessions sessions, AuditLog audit) {
        this.auth = auth;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Form-encoded or JSON: {@code username}, {@code password}, optional {@code totp_code}. */
    public void login(ServerRequest request, ServerResponse response) {
        SessionRequest login = readLogin(request);
        if (login.username() == null || login.username().isBlank() || login.password() == null
                || login.password().isEmpty()) {
            throw ApiException.badRequest("username and password are required");
        }
        UserAccount user;
        try {
            user = auth.authenticateWithSecondFactor(login.username(), login.password(), login.totpCode(),
                    ClientIp.of(request), "session login");
        } catch (ApiException refused) {
            if (refused.status() != 401) {
                throw refused;
            }
            throw ApiException.unauthorized(refused.detail().equals(AuthService.TOTP_REQUIRED)
                    ? "This account uses two-factor authentication: send totp_code too" : refused.detail(),
                    "Bearer realm=\"api\"");
        }
        String previous = request.headers().cookies().first(sessions.cookieName()).orElse(null);
        Sessions.Started session = sessions.start(user.id(), previous);
        response.headers().add(HeaderNames.SET_COOKIE, sessions.cookie(session));
        JsonBodies.noStore(response);
        JsonBodies.send(response, Status.OK_200, new SessionResponse(session.csrfToken(), user.username(),
                session.expiresAt(), session.idleTimeout().toSeconds()));
    }

    /** Ends the request's session (the CSRF token is required, as for every unsafe request of a session). */
    public void logout(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        if (!caller.bySession()) {
            throw ApiException.badRequest("This request is authenticated by a bearer token, not a session: a token "
                    + "logs out at POST /v1/auth/logout");
        }
        sessions.end(caller.session());
        audit.record(AuditLog.Event.LOGOUT, true, caller.userId(), caller.username(), ClientIp.of(request),
                "session ended");
        response.headers().add(HeaderNames.SET_COOKIE, sessions.clearingCookie());
        response.status(Status.NO_CONTENT_204).send();
    }

    private static SessionRequest readLogin(ServerRequest request) {
        String type = JsonBodies.mediaType(request);
        String text = JsonBodies.utf8(request);
        if (type.contains("json")) {
            return JsonBodies.parse(text, SessionRequest.class);
        }
        if (!type.contains("x-www-form-urlencoded")) {
            throw ApiException.unsupportedMediaType("Send application/x-www-form-urlencoded or application/json");
        }
        Map<String, String> form = FormFields.parse(text);
        return new SessionRequest(form.get("username"), form.get("password"), form.get("totp_code"));
    }
}
