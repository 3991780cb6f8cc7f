package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's whole access table: every route × every identity, asserting the status and the
 * {@code WWW-Authenticate} challenge of each cell. Cells: {@code 401} no credentials ({@code Bearer realm="api"}),
 * {@code 401i} invalid token ({@code error="invalid_token"}), {@code 403s} missing scope
 * ({@code error="insufficient_scope"}), {@code 401b} HTTP Basic challenge, {@code 401k} API-key challenge,
 * any other number: that status and no challenge.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class AccessTableHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

    private static final List<String> IDENTITIES = List.of("anonymous", "alice", "bob", "sam", "mia", "root",
            "expired", "other-key", "alg-none", "edited", "narrowed");

    /** Placeholders: {victim-user} a fresh user, {victim-product} a fresh product, {alice-post} a fresh post of alice's. */
    private static final String TABLE = """
            # route                                  anon alice bob  sam  mia  root expired otherkey none edited narrowed
            GET    /ping                              200  200  200  200  200  200  200  200  200  200  200
            GET    /protected                         401  200  200  200  200  200  401i 401i 401i 401i 200
            GET    /.well-known/jwks.json             200  200  200  200  200  200  200  200  200  200  200
            GET    /.well-known/oauth-authorization-server 200 200 200 200 200 200 200 200  200  200  200
            GET    /openapi                           200  200  200  200  200  200  200  200  200  200  200
            GET    /observe/health                    200  200  200  200  200  200  200  200  200  200  200
            GET    /oauth/authorize                   400  400  400  400  400  400  400  400  400  400  400
            POST   /oauth/authorize                   400  400  400  400  400  400  400  400  400  400  400
            POST   /v1/auth/register                  201  201  201  201  201  201  201  201  201  201  201
            POST   /v1/auth/token                     200  200  200  200  200  200  200  200  200  200  200
            POST   /v1/auth/logout                    401  204  204  204  204  204  401i 401i 401i 401i 204
            POST   /v1/auth/session                   200  200  200  200  200  200  200  200  200  200  200
            DELETE /v1/auth/session                   401  400  400  400  400  400  401i 401i 401i 401i 400
            GET    /v1/users/me                       401  200  200  200  200  200  401i 401i 401i 401i 200
            GET    /v1/users/1                        401  200  403  200  403  200  401i 401i 401i 401i 200
            DELETE /v1/users/{victim-user}            401  403  403  403  403  204  401i 401i 401i 401i 403
            GET    /v1/admin/users                    401  403  403  403  403  200  401i 401i 401i 401i 403
            GET    /v1/admin/stats                    401  403s 403s 403s 403s 200  401i 401i 401i 401i 403s
            GET    /v1/moderator/reports              401  403  403  403  200  200  401i 401i 401i 401i 403
            GET    /v1/products                       200  200  200  200  200  200  200  200  200  200  200
            GET    /v1/products/favorites             401  200  200  200  200  200  401i 401i 401i 401i 200
            PUT    /v1/products/1/favorite            401  204  204  204  204  204  401i 401i 401i 401i 204
            DELETE /v1/products/1/favorite            401  204  204  204  204  204  401i 401i 401i 401i 204
            POST   /v1/products                       401  403  403  201  403  201  401i 401i 401i 401i 403
            DELETE /v1/products/{victim-product}      401  403  403  403  403  204  401i 401i 401i 401i 403
            GET    /v1/posts                          200  200  200  200  200  200  200  200  200  200  200
            GET    /v1/posts/1                        200  200  200  200  200  200  200  200  200  200  200
            GET    /v1/posts/2                        404  200  404  404  404  200  404  404  404  404  200
            POST   /v1/posts                          401  201  201  201  201  201  401i 401i 401i 401i 403s
            PUT    /v1/posts/{alice-post}             401  200  403  403  403  200  401i 401i 401i 401i 403s
            DELETE /v1/posts/{alice-post}             401  204  403  403  403  204  401i 401i 401i 401i 403s
            POST   /v1/dev/tokens                     200  200  200  200  200  200  200  200  200  200  200
            GET    /v1/dev/outbox                     200  200  200  200  200  200  200  200  200  200  200
            POST   /v1/auth/password-reset/request    202  202  202  202  202  202  202  202  202  202  202
            POST   /v1/auth/password-reset/confirm    400  400  400  400  400  400  400  400  400  400  400
            POST   /v1/auth/totp                      401  201  201  201  201  201  401i 401i 401i 401i 201
            POST   /v1/auth/totp/verify               401  400  400  400  400  400  401i 401i 401i 401i 400
            GET    /v1/secure/sensitive-data          401  403  403  403  403  403  401i 401i 401i 401i 403
            DELETE /v1/auth/totp                      401  403  403  403  403  403  401i 401i 401i 401i 403
            GET    /v1/admin/audit                    401  403  403  403  403  200  401i 401i 401i 401i 403
            POST   /v1/api-keys                       401  201  201  201  201  201  401i 401i 401i 401i 201
            GET    /v1/api-keys                       401  200  200  200  200  200  401i 401i 401i 401i 200
            DELETE /v1/api-keys/999999                401  404  404  404  404  404  401i 401i 401i 401i 404
            GET    /v1/data                           401k 401k 401k 401k 401k 401k 401k 401k 401k 401k 401k
            GET    /v1/basic/hello                    401b 401b 401b 401b 401b 401b 401b 401b 401b 401b 401b
            GET    /v1/expensive-operation            401  200  200  200  200  200  401i 401i 401i 401i 200
            GET    /internal/status                   200  200  200  200  200  200  200  200  200  200  200
            """;

    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /v1/auth/register", "{\"username\":\"u{n}\",\"email\":\"u{n}@example.com\",\"password\":\"a-long-unusual-pass-{n}\"}"),
            Map.entry("POST /v1/auth/token", "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"alice-password-1\"}"),
            Map.entry("POST /v1/auth/session", "{\"username\":\"alice\",\"password\":\"alice-password-1\"}"),
            Map.entry("POST /v1/products", "{\"name\":\"Widget {n}\",\"price\":\"9.99\"}"),
            Map.entry("POST /v1/posts", "{\"title\":\"Post {n}\",\"content\":\"text\"}"),
            Map.entry("PUT /v1/posts/{alice-post}", "{\"title\":\"Edited {n}\",\"content\":\"edited\"}"),
            Map.entry("POST /v1/dev/tokens", "{\"username\":\"bob\",\"expires_in\":60}"),
            Map.entry("POST /v1/auth/password-reset/request", "{\"email\":\"nobody-{n}@example.com\"}"),
            Map.entry("POST /v1/auth/password-reset/confirm", "{\"token\":\"made-up-{n}\",\"new_password\":\"a-long-unusual-pass-{n}\"}"),
            Map.entry("POST /v1/auth/totp/verify", "{\"code\":\"000000\"}"),
            Map.entry("POST /v1/api-keys", "{\"name\":\"key {n}\"}"));

    /**
     * The session columns, derived from the bearer ones: each user's cookie session, sent with its CSRF token, passes
     * every gate exactly as that user's bearer token does; without the CSRF token its unsafe requests to gated routes
     * are 403; beside a bearer token, the token alone counts (mia's token with root's session is mia).
     */
    private static final List<String> SESSION_USERS = List.of("alice", "bob", "sam", "mia", "root");
    private static final String NO_CSRF = "alice-session-without-csrf";
    private static final String BEARER_AND_SESSION = "mia-token-with-root-session";

    /** A session's cookie and CSRF token, as its login answered them. */
    record Session(String cookie, String csrf) {
    }

    private static TestServer server;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, Session> SESSIONS = new LinkedHashMap<>();
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @BeforeParameterizedClassInvocation
    static void start(String database) throws Exception {
        server = TestServer.dev(database);
        for (String user : List.of("alice", "bob", "sam", "mia", "root")) {
            TOKENS.put(user, server.accessToken(user));
        }
        String alice = TOKENS.get("alice");
        TOKENS.put("expired", server.mint("{\"username\":\"alice\",\"expires_in\":-3600}"));
        TOKENS.put("other-key", signedWithAnotherKey(alice));
        TOKENS.put("alg-none", unsigned(alice));
        TOKENS.put("edited", editedAfterSigning(alice));
        TOKENS.put("narrowed", server.login("alice", "alice-password-1", "posts:read").get("access_token").asText());
        for (String user : SESSION_USERS) {
            SESSIONS.put(user, session(user));
        }
    }

    /** Logs the user in to a cookie session. */
    static Session session(String user) {
        HttpResponse<String> login = server.send("POST", "/v1/auth/session", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + user + "-password-1\"}");
        assertEquals(200, login.statusCode(), login.body());
        HttpCookie cookie = HttpCookie.parse(login.headers().firstValue("Set-Cookie").orElseThrow()).getFirst();
        return new Session(cookie.getName() + "=" + cookie.getValue(), TestServer.json(login).get("csrf_token").asText());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            assertEquals(2 + IDENTITIES.size(), parts.length, "Malformed table line: " + line);
            for (int i = 0; i < IDENTITIES.size(); i++) {
                cells.add(Arguments.of(parts[0], parts[1], IDENTITIES.get(i), parts[2 + i]));
            }
            String route = parts[0] + " " + parts[1];
            for (String user : SESSION_USERS) {
                String expected = route.equals("DELETE /v1/auth/session") ? "204" : parts[2 + IDENTITIES.indexOf(user)];
                cells.add(Arguments.of(parts[0], parts[1], user + "-session", expected));
            }
            cells.add(Arguments.of(parts[0], parts[1], NO_CSRF, route.equals("DELETE /v1/auth/session") ? "204"
                    : parts[2 + IDENTITIES.indexOf("alice")]));
            cells.add(Arguments.of(parts[0], parts[1], BEARER_AND_SESSION, parts[2 + IDENTITIES.indexOf("mia")]));
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("cells")
    void everyCellOfTheAccessTableHolds(String method, String pathTemplate, String identity, String expected) {
        int n = UNIQUE.incrementAndGet();
        String path = resolve(pathTemplate);
        String body = BODIES.containsKey(method + " " + pathTemplate)
                ? BODIES.get(method + " " + pathTemplate).replace("{n}", n + "-" + System.nanoTime()) : null;
        String route = method + " " + pathTemplate;
        String token = tokenFor(identity.equals(BEARER_AND_SESSION) ? "mia" : identity, route);
        Map<String, String> headers = new LinkedHashMap<>();
        sessionFor(identity, route).ifPresent(session -> {
            headers.put("Cookie", session.cookie());
            if (!identity.equals(NO_CSRF)) {
                headers.put("X-CSRF-Token", session.csrf());
            }
        });
        if (identity.equals(NO_CSRF) && !method.equals("GET") && gated(method, pathTemplate)) {
            expected = "403";
        }

        HttpResponse<String> response = server.send(method, path, token, body, headers);

        int status = Integer.parseInt(expected.replaceAll("\\D", ""));
        assertEquals(status, response.statusCode(), () -> method + " " + path + " as " + identity + ": " + response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
        switch (expected) {
            case "401" -> assertEquals("Bearer realm=\"api\"", challenge);
            case "401i" -> assertTrue(challenge != null
                    && challenge.startsWith("Bearer realm=\"api\", error=\"invalid_token\", error_description=\""), challenge);
            case "401b" -> assertEquals("Basic realm=\"api\"", challenge);
            case "401k" -> assertTrue(challenge != null && challenge.startsWith("ApiKey"), challenge);
            case "403s" -> assertTrue(challenge != null
                    && challenge.startsWith("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\""), challenge);
            default -> assertNull(challenge, "no challenge expected");
        }
        if (status >= 400 && path.startsWith("/oauth/")) {
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        } else if (status >= 400) {
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(status, TestServer.json(response).get("status").asInt());
        }
    }

    @Test
    void theTableHasARowForEveryRouteOfTheRegistryAndNoOther() {
        Set<String> routed = new TreeSet<>(server.app.routes().stream().map(Object::toString).toList());
        routed.add("GET /observe/health");
        Set<String> tabled = new TreeSet<>();
        for (String line : TABLE.strip().split("\n")) {
            if (!line.startsWith("#")) {
                String[] parts = line.trim().split("\\s+");
                tabled.add(parts[0] + " " + routeOf(parts[0], parts[1]));
            }
        }
        assertEquals(routed, tabled);
    }

    /** The registry path a row's concrete path is served by (a literal path before a template). */
    private static String routeOf(String method, String path) {
        List<String> candidates = server.app.routes().stream()
                .filter(route -> route.method().text().equals(method)).map(route -> route.path()).toList();
        return candidates.contains(path) ? path : candidates.stream()
                .filter(template -> path.matches(template.replaceAll("\\{[^}]+}", "[^/]+")))
                .findFirst().orElse(path);
    }

    @Test
    void theTableCoversEveryIdentityAndTheBadTokensReallyAreBad() {
        assertEquals(11, IDENTITIES.size());
        for (String bad : List.of("expired", "other-key", "alg-none", "edited")) {
            assertFalse(TOKENS.get(bad).equals(TOKENS.get("alice")));
        }
    }

    private static String resolve(String template) {
        return switch (template) {
            case "/v1/users/{victim-user}" -> "/v1/users/" + registerVictim();
            case "/v1/products/{victim-product}" -> "/v1/products/" + TestServer.json(server.send("POST", "/v1/products",
                    TOKENS.get("root"), "{\"name\":\"Victim\",\"price\":\"1.00\"}")).get("id").asLong();
            case "/v1/posts/{alice-post}" -> "/v1/posts/" + TestServer.json(server.send("POST", "/v1/posts",
                    TOKENS.get("alice"), "{\"title\":\"Victim\",\"content\":\"x\",\"published\":true}")).get("id").asLong();
            default -> template;
        };
    }

    private static long registerVictim() {
        int n = UNIQUE.incrementAndGet();
        return TestServer.json(server.send("POST", "/v1/auth/register", null,
                "{\"username\":\"victim" + n + "\",\"email\":\"victim" + n
                        + "@example.com\",\"password\":\"victim-long-pass-" + n + "\"}")).get("id").asLong();
    }

    /** Whether the route's gate is one a session passes (a level, role, permission or scope; not Basic or API key). */
    private static boolean gated(String method, String pathTemplate) {
        String path = routeOf(method, pathTemplate);
        return server.app.routes().stream().filter(r -> r.method().text().equals(method) && r.path().equals(path))
                .anyMatch(r -> List.of("authenticated", "staff", "superuser").contains(r.gate().level()));
    }

    /**
     * The identity's session: logging out or in ends the session the request came with, so those rows get a fresh
     * one of their own.
     */
    private static java.util.Optional<Session> sessionFor(String identity, String route) {
        String user = identity.equals(NO_CSRF) ? "alice" : identity.equals(BEARER_AND_SESSION) ? "root"
                : identity.endsWith("-session") ? identity.substring(0, identity.length() - "-session".length()) : null;
        if (user == null) {
            return java.util.Optional.empty();
        }
        boolean spends = List.of("POST /v1/auth/logout", "DELETE /v1/auth/session", "POST /v1/auth/session")
                .contains(route);
        return java.util.Optional.of(spends ? session(user) : SESSIONS.get(user));
    }

    /** Logout spends the token, so a valid identity logs out with a fresh one of its own. */
    private static String tokenFor(String identity, String route) {
        if (identity.equals("anonymous")) {
            return null;
        }
        if (route.equals("POST /v1/auth/logout")) {
            return switch (identity) {
                case "alice", "bob", "sam", "mia", "root" -> server.accessToken(identity);
                case "narrowed" -> server.login("alice", "alice-password-1", "posts:read").get("access_token").asText();
                default -> TOKENS.get(identity);
            };
        }
        return TOKENS.get(identity);
    }

    private static String signedWithAnotherKey(String token) throws Exception {
        SignedJWT original = SignedJWT.parse(token);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(original.getHeader().getKeyID()).build(), original.getJWTClaimsSet());
        forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        return forged.serialize();
    }

    private static String unsigned(String token) throws Exception {
        SignedJWT original = SignedJWT.parse(token);
        return new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
                original.getJWTClaimsSet()).serialize();
    }

    private static String editedAfterSigning(String token) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.putArray("roles").add("admin");
        payload.put("is_superuser", true);
        payload.put("is_staff", true);
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.mapper().writeValueAsBytes(payload));
        JsonNode check = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(edited), StandardCharsets.UTF_8));
        assertTrue(check.get("is_superuser").asBoolean());
        return parts[0] + "." + edited + "." + parts[2];
    }
}
