package io.tokenworkbench.server.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.HtmlEncoder;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.OpaqueSecrets;
import io.tokenworkbench.server.user.UserAccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET} and {@code POST /oauth/authorize}: the browser login's page, a plain HTML form that needs no script
 * (the contract's Content-Security-Policy allows none), protected against cross-site posts by a double-submit token
 * (a cookie the page sets and a hidden field it carries; RFC 9700 §4.4.1.1).
 */
public final class AuthorizeRoutes {

    private static final String CSRF_COOKIE = "twb_login_csrf";
    /** The authorization request's parameters the form carries from the page to its post. */
    private static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "state", "scope",
            "code_challenge", "code_challenge_method");

    private final BrowserLogin login;
    private final AuthService auth;

    public AuthorizeRoutes(BrowserLogin login, AuthService auth) {
        this.login = login;
        this.auth = auth;
    }

    public void page(ServerRequest request, ServerResponse response) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : CARRIED) {
            request.query().first(name).ifPresent(value -> parameters.put(name, value));
        }
        answer(response, login.check(parameters), parameters, Status.OK_200, null);
    }

    public void submit(ServerRequest request, ServerResponse response) {
        Map<String, String> form = FormFields.parse(JsonBodies.utf8(request));
        Map<String, String> parameters = new LinkedHashMap<>();
        CARRIED.forEach(name -> {
            if (form.get(name) != null) {
                parameters.put(name, form.get(name));
            }
        });
        BrowserLogin.Checked checked = login.check(parameters);
        if (!(checked instanceof BrowserLogin.Checked.Valid(BrowserLogin.Authorization authorization))) {
            answer(response, checked, parameters, Status.OK_200, null);
            return;
        }
        String cookie = request.headers().cookies().first(CSRF_COOKIE).orElse("");
        String field = form.getOrDefault("csrf", "");
        if (cookie.isEmpty() || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            html(response, Status.FORBIDDEN_403, page("The sign-in form has expired or did not come from this "
                    + "server. Go back to the application and sign in again.", null));
            return;
        }
        String username = form.getOrDefault("username", "");
        String password = form.getOrDefault("password", "");
        if (username.isBlank() || password.isEmpty()) {
            answer(response, checked, parameters, Status.BAD_REQUEST_400, "Enter your username and password.");
            return;
        }
        UserAccount user;
        try {
            user = auth.authenticateWithSecondFactor(username, password, form.get("totp_code"),
                    ClientIp.of(request), "browser login");
        } catch (ApiException refused) {
            refused.headers().forEach((name, value) -> response.headers().set(HeaderNames.create(name), value));
            answer(response, checked, parameters, Status.create(refused.status()),
                    refused.detail().equals(AuthService.TOTP_REQUIRED) ? "This account uses two-factor "
                            + "authentication: enter your password and the current code from your authenticator app."
                            : refused.detail().replaceAll("(?<![.?!])$", "."));
            return;
        }
        redirect(response, login.approve(authorization, user));
    }

    private void answer(ServerResponse response, BrowserLogin.Checked checked, Map<String, String> parameters,
                        Status status, String error) {
        switch (checked) {
            case BrowserLogin.Checked.Unsafe(String message) -> html(response, Status.BAD_REQUEST_400,
                    page(message + " Nothing was sent back to the application.", null));
            case BrowserLogin.Checked.Refused(String location) -> redirect(response, location);
            case BrowserLogin.Checked.Valid(BrowserLogin.Authorization authorization) -> {
                String csrf = OpaqueSecrets.generate();
                response.headers().add(HeaderNames.SET_COOKIE, CSRF_COOKIE + "=" + csrf
                        + "; Path=" + login.pagePath() + "; HttpOnly; SameSite=Strict");
                html(response, status, page(error, form(authorization, parameters, csrf, login.pagePath())));
            }
        }
    }

    private static void redirect(ServerResponse response, String location) {
        JsonBodies.noStore(response);
        response.headers().set(HeaderNames.LOCATION, location);
        response.status(Status.FOUND_302).send();
    }

    private static void html(ServerResponse response, Status status, String page) {
        JsonBodies.noStore(response);
        response.status(status);
        response.headers().set(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        JsonBodies.sendBytes(response, page.getBytes(StandardCharsets.UTF_8));
    }

    private static String form(BrowserLogin.Authorization authorization, Map<String, String> parameters, String csrf,
                               String action) {
        StringBuilder form = new StringBuilder("<p>")
                .append(HtmlEncoder.encode(authorization.clientId()))
                .append(" asks to act on your behalf")
                .append(authorization.scope() == null || authorization.scope().isBlank() ? ""
                        : " with the scope " + HtmlEncoder.encode(authorization.scope()))
                .append(".</p>\n<form method=\"post\" action=\"").append(HtmlEncoder.encode(action)).append("\">\n");
        parameters.forEach((name, value) -> hidden(form, name, value));
        hidden(form, "csrf", csrf);
        return form.append("""
                <p><label>Username <input name="username" autocomplete="username" required autofocus></label></p>
                <p><label>Password <input name="password" type="password" autocomplete="current-password" \
                required></label></p>
                <p><label>Two-factor code <input name="totp_code" inputmode="numeric" autocomplete="one-time-code" \
                pattern="[0-9]{6}" maxlength="6"></label> (only if your account uses an authenticator app)</p>
                <p><button type="submit">Sign in</button></p>
                </form>
                """).toString();
    }

    private static void hidden(StringBuilder form, String name, String value) {
        form.append("<input type=\"hidden\" name=\"").append(HtmlEncoder.encode(name)).append("\" value=\"")
                .append(HtmlEncoder.encode(value)).append("\">\n");
    }

    private static String page(String message, String form) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Sign in · Token Workbench</title></head>
                <body>
                <h1>Sign in to Token Workbench</h1>
                """
                + (message == null ? "" : "<p role=\"alert\">" + HtmlEncoder.encode(message) + "</p>\n")
                + (form == null ? "" : form)
                + "</body>\n</html>\n";
    }
}
