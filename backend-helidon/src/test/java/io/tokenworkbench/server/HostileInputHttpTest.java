package io.tokenworkbench.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route × hostile input (broken JSON, wrong types, deep nesting, huge strings and bodies, SQL and path
 * metacharacters in ids and queries): always a 4xx problem (or a harmless success), never a 500, and the database
 * stays intact.
 */
class HostileInputHttpTest {

    static final List<String> ROUTES = List.of(
            "GET /ping", "GET /protected", "GET /.well-known/jwks.json", "GET /.well-known/oauth-authorization-server",
            "GET /openapi", "POST /v1/auth/register", "POST /v1/auth/token", "POST /v1/auth/logout",
            "POST /v1/auth/password-reset/request", "POST /v1/auth/password-reset/confirm", "POST /v1/auth/totp",
            "POST /v1/auth/totp/verify", "DELETE /v1/auth/totp", "GET /v1/users/me", "GET /v1/users/{id}", "DELETE /v1/users/{id}",
            "GET /v1/admin/users", "GET /v1/admin/stats", "GET /v1/admin/audit", "GET /v1/moderator/reports",
            "GET /v1/products", "GET /v1/products/favorites", "PUT /v1/products/{id}/favorite",
            "DELETE /v1/products/{id}/favorite", "POST /v1/products", "DELETE /v1/products/{id}", "GET /v1/posts",
            "GET /v1/posts/{id}", "POST /v1/posts", "PUT /v1/posts/{id}", "DELETE /v1/posts/{id}",
            "POST /v1/api-keys", "GET /v1/api-keys", "DELETE /v1/api-keys/{id}", "GET /v1/data", "GET /v1/basic/hello",
            "GET /v1/secure/sensitive-data", "GET /v1/expensive-operation", "GET /internal/status",
            "GET /v1/dev/outbox", "POST /v1/dev/tokens");

    private static final List<String> BODIES = List.of(
            "{\"title\":", "[]", "null", "42", "\"text\"", "{\"title\":{\"$ne\":1},\"content\":[1]}",
            "{\"username\":1,\"email\":true,\"password\":[],\"grant_type\":{},\"price\":9.5,\"code\":123456}",
            "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
            "{\"title\":\"" + "x".repeat(300_000) + "\",\"content\":\"c\",\"name\":\"" + "n".repeat(300_000) + "\"}",
            "{\"username\":\"' OR 1=1 --\",\"email\":\"a@b.c'; DROP TABLE users; --\",\"password\":\"x' OR '1'='1\","
                    + "\"grant_type\":\"password\",\"title\":\"'); DROP TABLE posts; --\",\"content\":\"c\"}");

    private static final List<String> IDS = List.of("1%27%20OR%201%3D1", "..%2F..%2Fetc%2Fpasswd", "%00", "-1",
            "9223372036854775808", "999;DROP%20TABLE%20users", "%E2%80%AE", "1e3");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.dev();
    }

    /** A fresh superuser token, since some routes (logout) spend the one they are called with. */
    private static String root() {
        return server.mint("{\"username\":\"root\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> attacks() {
        List<Arguments> attacks = new ArrayList<>();
        for (String route : ROUTES) {
            String method = route.split(" ")[0];
            String path = route.split(" ")[1];
            if (path.contains("{id}")) {
                for (String id : IDS) {
                    attacks.add(Arguments.of(method, path.replace("{id}", id), null));
                }
            } else if (method.equals("GET")) {
                attacks.add(Arguments.of(method, path + "?limit=%27%3B--&offset=-9&owner_id=1%20OR%201%3D1", null));
            }
            if (!method.equals("GET")) {
                for (String body : BODIES) {
                    attacks.add(Arguments.of(method, path.replace("{id}", "999"), body));
                }
            }
        }
        return attacks.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("attacks")
    void hostileInputNeverCausesA500AndLeavesTheDatabaseIntact(String method, String path, String body) {
        HttpResponse<String> response = server.send(method, path, root(), body,
                Map.of("X-API-Key", "twk_' OR 1=1 --", "X-TOTP-Code", "'; DROP TABLE totp_secrets; --",
                        "X-Forwarded-For", "' OR 1=1, ::ffff:not-an-ip"));

        assertTrue(response.statusCode() < 500, () -> method + " " + path + " → " + response.statusCode() + " "
                + response.body());
        if (response.statusCode() >= 400 && response.statusCode() != 405) {
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                    () -> method + " " + path + " → " + response.statusCode());
        }
        String check = root();
        assertEquals(200, server.get("/v1/users/1", check).statusCode(), "alice is still there");
        assertEquals(200, server.get("/v1/posts/1", null).statusCode(), "her first post too");
        assertTrue(TestServer.json(server.get("/v1/admin/users", check)).size() >= 5);
    }

    @ParameterizedTest(name = "form {0}")
    @MethodSource("forms")
    void hostileTokenFormsAreOAuthErrors(String form) {
        HttpResponse<String> response = server.send("POST", "/v1/auth/token", null, form,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertTrue(response.statusCode() == 400 || response.statusCode() == 401, response.statusCode() + " " + form);
        assertTrue(TestServer.json(response).has("error"));
    }

    static Stream<String> forms() {
        return Stream.of("%", "grant_type=%ZZ", "grant_type=password&username=" + enc("' OR 1=1 --")
                        + "&password=" + enc("x' OR '1'='1"), "=&&==&", "grant_type=password&username=alice&password="
                        + "p".repeat(100_000), "grant_type=refresh_token&refresh_token=" + enc("'; DELETE FROM users; --"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
