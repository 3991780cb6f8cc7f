package io.tokenworkbench.server;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route × hostile input (broken JSON, wrong types, deep nesting, huge strings and bodies, SQL and path
 * metacharacters in ids and queries): always a 4xx problem (or a harmless success), never a 500, and the database
 * stays intact.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class HostileInputHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

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

    @BeforeParameterizedClassInvocation
    static void start(String database) {
        server = TestServer.dev(database);
        documentedOperations = null;
    }

    /** A fresh superuser token, since some routes (logout) spend the one they are called with. */
    private static String root() {
        return server.mint("{\"username\":\"root\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Stream<Arguments> attacks() {
        List<Arguments> attacks = new ArrayList<>();
        for (String route : server.app.routes().stream().map(Object::toString).toList()) {
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
        assertTrue(documentedStatuses(method, template(path)).contains(Integer.toString(response.statusCode())),
                () -> method + " " + path + " → " + response.statusCode() + " is not in the OpenAPI document: "
                        + response.body());
        if (response.statusCode() >= 400 && response.statusCode() != 405) {
            // the browser login answers a browser: its refusals are pages, everything else's problem documents
            assertEquals(path.startsWith("/oauth/") ? "text/html; charset=utf-8" : "application/problem+json",
                    response.headers().firstValue("Content-Type").orElse(""),
                    () -> method + " " + path + " → " + response.statusCode());
        }
        String check = root();
        assertEquals(200, server.get("/v1/users/1", check).statusCode(), "alice is still there");
        assertEquals(200, server.get("/v1/posts/1", null).statusCode(), "her first post too");
        assertTrue(TestServer.json(server.get("/v1/admin/users", check)).size() >= 5);
    }

    /** Every route that reads a JSON body refuses a valid value followed by anything else. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonRoutes")
    void aJsonValueFollowedByAnythingIsRefused(String route) {
        String method = route.split(" ")[0];
        String path = route.split(" ")[1].replace("{id}", "1");

        HttpResponse<String> response = server.send(method, path, root(), "{\"title\":\"t\"} trailing-garbage");

        assertEquals(400, response.statusCode(), route + ": " + response.body());
        assertEquals("The body is not valid JSON", TestServer.json(response).get("detail").asText(), response.body());
    }

    static Stream<String> jsonRoutes() {
        return operations().entrySet().stream()
                .filter(operation -> operation.getValue().get("requestBody") instanceof Map<?, ?> body
                        && body.get("content") instanceof Map<?, ?> content && content.containsKey("application/json"))
                .map(Map.Entry::getKey);
    }

    /** The served OpenAPI document's operations, read once per server. */
    private static Map<String, Map<String, Object>> documentedOperations;

    /** The OpenAPI document's operations by "METHOD /path". */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations() {
        if (documentedOperations != null) {
            return documentedOperations;
        }
        Map<String, Object> document = new Yaml().load(server.get("/openapi", null).body());
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (op instanceof Map<?, ?> operation && !method.equals("parameters")) {
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) operation);
            }
        }));
        documentedOperations = operations;
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedStatuses(String method, String path) {
        Map<String, Object> operation = operations().get(method + " " + path);
        assertTrue(operation != null, method + " " + path + " is not documented");
        return ((Map<String, Object>) operation.get("responses")).keySet();
    }

    /** The registry's template a concrete path was made from. */
    private static String template(String path) {
        String bare = path.replaceAll("\\?.*", "");
        return server.app.routes().stream().map(route -> route.path())
                .filter(template -> bare.matches(template.replace("{id}", "[^/]*")))
                .filter(template -> template.equals(bare) || !server.app.routes().stream()
                        .anyMatch(route -> route.path().equals(bare)))
                .findFirst().orElse(bare);
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
