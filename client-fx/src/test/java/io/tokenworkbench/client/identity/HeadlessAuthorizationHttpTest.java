package io.tokenworkbench.client.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headless login against an authorization server that is not ours: a login page in the style of Django's (a
 * {@code csrfmiddlewaretoken} field and a {@code csrftoken} cookie it must send back, a field called {@code login}),
 * which redirects through a consent hop before the client's redirect URI; and pages it cannot handle.
 */
class HeadlessAuthorizationHttpTest {

    private static final String REDIRECT = "http://127.0.0.1:8976/callback";
    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final ApiClient api = ApiClient.create();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/accounts/authorize", this::authorize);
        server.createContext("/accounts/login", this::login);
        server.createContext("/accounts/consent", this::consent);
        server.createContext("/spa/authorize", exchange -> html(exchange, 200,
                "<html><body><div id=app></div><script src=/app.js></script></body></html>"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        api.shutdown();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Set-Cookie", "csrftoken=tok123; Path=/; SameSite=Lax");
        String state = query(exchange).get("state");
        html(exchange, 200, """
                <html><body><form method="post" action="/accounts/login?next=consent&amp;state=%s">
                <input type="hidden" name="csrfmiddlewaretoken" value="tok123">
                <label>Email or login <input type="text" name="login"></label>
                <input type="password" name="password">
                <input type="checkbox" name="remember" checked>
                <button type="submit" name="action" value="signin">Sign in</button>
                </form></body></html>""".formatted(state));
    }

    private void login(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        posted.add(body);
        Map<String, String> form = parse(body);
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookie == null || !cookie.contains("csrftoken=tok123") || !"tok123".equals(form.get("csrfmiddlewaretoken"))) {
            html(exchange, 403, "<html><body><p class=error>CSRF verification failed.</p></body></html>");
            return;
        }
        if (!"alice".equals(form.get("login")) || !"wonderland".equals(form.get("password"))) {
            html(exchange, 200, """
                    <html><body><ul class="errorlist"><li>Please enter a correct login and password.</li></ul>
                    <form method="post"><input name="login"><input type="password" name="password"></form>
                    </body></html>""");
            return;
        }
        redirect(exchange, "/accounts/consent?state=" + query(exchange).get("state"));
    }

    /** A consent page of one button, as oidc-provider and Keycloak show after the login; its post grants. */
    private void consent(HttpExchange exchange) throws IOException {
        String state = query(exchange).get("state");
        if (exchange.getRequestMethod().equals("POST")) {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            redirect(exchange, REDIRECT + "?code=c0de&state=" + state);
            return;
        }
        html(exchange, 200, """
                <html><body><p>spa wants to read your profile.</p>
                <form method="post" action="/accounts/consent?state=%s"><input type="hidden" name="grant" value="yes">
                <button type="submit">Continue</button></form></body></html>""".formatted(state));
    }

    @Test
    void itFillsAForeignFormKeepsItsCookieAndFollowsRedirectsToTheCode() {
        AuthorizationRequest request = new AuthorizationRequest(base() + "/accounts/authorize", "spa", REDIRECT, null,
                "st4te", Pkce.verifier());

        HeadlessAuthorization.Result result = new HeadlessAuthorization(api).signIn(request, "alice", "wonderland",
                null);

        HeadlessAuthorization.Result.Redirected redirected = assertInstanceOf(
                HeadlessAuthorization.Result.Redirected.class, result, result::toString);
        assertEquals("c0de", redirected.parameters().get("code"));
        assertInstanceOf(AuthorizationRequest.Answer.Code.class, request.check(redirected.parameters(), null));
        Map<String, String> form = parse(posted.getFirst());
        assertEquals("on", form.get("remember"));
        assertEquals(null, form.get("action"), "buttons are not fields");
        assertEquals("grant=yes", posted.get(1), "the consent page was confirmed once");
    }

    @Test
    void aWrongPasswordIsSaidInThePagesOwnWords() {
        AuthorizationRequest request = AuthorizationRequest.start(base() + "/accounts/authorize", "spa", REDIRECT,
                null);

        HeadlessAuthorization.Result result = new HeadlessAuthorization(api).signIn(request, "alice", "queen", null);

        HeadlessAuthorization.Result.Failed failed = assertInstanceOf(HeadlessAuthorization.Result.Failed.class,
                result);
        assertTrue(failed.reason().contains("Please enter a correct login and password"), failed.reason());
    }

    @Test
    void aPageThatNeedsJavaScriptIsNamedAsOutOfReach() {
        AuthorizationRequest request = AuthorizationRequest.start(base() + "/spa/authorize", "spa", REDIRECT, null);

        HeadlessAuthorization.Result result = new HeadlessAuthorization(api).signIn(request, "alice", "wonderland",
                null);

        HeadlessAuthorization.Result.Failed failed = assertInstanceOf(HeadlessAuthorization.Result.Failed.class,
                result);
        assertTrue(failed.reason().contains("no login form") && failed.reason().contains("JavaScript"),
                failed.reason());
    }

    @Test
    void aRedirectWithAnotherStateIsRefused() {
        AuthorizationRequest request = AuthorizationRequest.start(base() + "/accounts/authorize", "spa", REDIRECT,
                null);

        assertInstanceOf(AuthorizationRequest.Answer.Unusable.class, request.check(Map.of("code", "c0de", "state",
                "forged"), null));
        assertInstanceOf(AuthorizationRequest.Answer.Unusable.class, request.check(Map.of("code", "c0de", "state",
                request.state(), "iss", "https://evil.example"), "https://as.example"));
        assertInstanceOf(AuthorizationRequest.Answer.Refused.class, request.check(Map.of("error", "access_denied",
                "state", request.state()), null));
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return parse(query == null ? "" : query);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
