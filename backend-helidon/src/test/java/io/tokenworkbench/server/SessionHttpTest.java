package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cookie sessions over HTTP: the cookie's attributes, a new id at every login, the timeouts on a controlled clock,
 * and every way a session ends (the access table proves that a session passes each gate as its user's token).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class SessionHttpTest {

    private static final Pattern RESET_TOKEN = Pattern.compile("\\n\\n([A-Za-z0-9_-]{43})\\n\\n");

    /** The database this run of the class is on. */
    @Parameter
    String database;

    private MutableClock clock;
    private TestServer server;

    /** A session as the client holds it: the cookie to send back and the CSRF token. */
    private record Session(HttpCookie cookie, String csrf, JsonNode answer) {
        Map<String, String> headers() {
            return Map.of("Cookie", cookie.getName() + "=" + cookie.getValue(), "X-CSRF-Token", csrf);
        }

        Map<String, String> withoutCsrf() {
            return Map.of("Cookie", cookie.getName() + "=" + cookie.getValue());
        }
    }

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        server = TestServer.dev(database, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> login(String body, Map<String, String> headers) {
        return server.send("POST", "/v1/auth/session", null, body, headers);
    }

    private Session session(String user, String password) {
        HttpResponse<String> login = login("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                Map.of());
        assertEquals(200, login.statusCode(), login.body());
        return new Session(HttpCookie.parse(login.headers().firstValue("Set-Cookie").orElseThrow()).getFirst(),
                TestServer.json(login).get("csrf_token").asText(), TestServer.json(login));
    }

    private int me(Session session) {
        return server.send("GET", "/v1/users/me", null, null, session.headers()).statusCode();
    }

    @Test
    void theCookieIsHttpOnlyLaxOnTheWholeSiteAndTheAnswerCarriesTheCsrfToken() {
        HttpResponse<String> login = server.form("/v1/auth/session",
                Map.of("username", "alice", "password", "alice-password-1"));

        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("session="), setCookie);
        for (String attribute : List.of("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=43200")) {
            assertTrue(setCookie.contains(attribute), setCookie + " lacks " + attribute);
        }
        assertFalse(setCookie.contains("Secure"), "plain http here: " + setCookie);
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
        JsonNode answer = TestServer.json(login);
        assertEquals("alice", answer.get("username").asText());
        assertEquals(1800, answer.get("idle_timeout").asInt());
        assertEquals(64, answer.get("csrf_token").asText().length());
    }

    @Test
    void theDatabaseKeepsOnlyTheHashOfTheSessionId() {
        Session alice = session("alice", "alice-password-1");
        server.query("select id_hash from sessions", (rs, ctx) -> rs.getString(1), hashes -> {
            assertEquals(1, hashes.size());
            assertFalse(hashes.getFirst().contains(alice.cookie().getValue()));
        });
    }

    @Test
    void everyLoginGetsANewIdAndEndsTheSessionItCameWith() {
        Session first = session("alice", "alice-password-1");

        HttpResponse<String> again = login("{\"username\":\"alice\",\"password\":\"alice-password-1\"}",
                first.withoutCsrf());

        assertEquals(200, again.statusCode());
        HttpCookie second = HttpCookie.parse(again.headers().firstValue("Set-Cookie").orElseThrow()).getFirst();
        assertNotEquals(first.cookie().getValue(), second.getValue());
        assertEquals(401, me(first));
    }

    @Test
    void unsafeRequestsNeedTheCsrfTokenOfTheirOwnSession() {
        Session alice = session("alice", "alice-password-1");
        Session bob = session("bob", "bob-password-1");
        String post = "{\"title\":\"By session\",\"content\":\"x\"}";

        assertEquals(403, server.send("POST", "/v1/posts", null, post, alice.withoutCsrf()).statusCode());
        assertEquals(403, server.send("POST", "/v1/posts", null, post, Map.of("Cookie",
                alice.cookie().getName() + "=" + alice.cookie().getValue(), "X-CSRF-Token", bob.csrf())).statusCode());
        HttpResponse<String> created = server.send("POST", "/v1/posts", null, post, alice.headers());
        assertEquals(201, created.statusCode(), created.body());
        long aliceId = TestServer.json(server.send("GET", "/v1/users/me", null, null, alice.headers())).get("id").asLong();
        assertEquals(aliceId, TestServer.json(created).get("owner_id").asLong());
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutAndAtItsAbsoluteExpiryEvenWhenUsed() {
        Session idle = session("alice", "alice-password-1");
        Session busy = session("bob", "bob-password-1");

        for (int i = 0; i < 28; i++) {
            clock.advance(Duration.ofMinutes(25));
            assertEquals(200, me(busy), "used every 25 minutes, after " + (i + 1) * 25 + " min");
            if (i == 1) {
                assertEquals(401, me(idle), "unused for 50 minutes");
            }
        }
        clock.advance(Duration.ofMinutes(25));
        HttpResponse<String> expired = server.send("GET", "/v1/users/me", null, null, busy.headers());
        assertEquals(401, expired.statusCode(), "12 h 5 min after the login");
        assertEquals("Bearer realm=\"api\"", expired.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        Session alice = session("alice", "alice-password-1");

        HttpResponse<String> logout = server.send("DELETE", "/v1/auth/session", null, null, alice.headers());

        assertEquals(204, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElse("").matches("session=;.*Max-Age=0.*"));
        assertEquals(401, me(alice));
        HttpResponse<String> withToken = server.send("DELETE", "/v1/auth/session", server.accessToken("alice"),
                null, Map.of());
        assertEquals(400, withToken.statusCode(), "a bearer token has no session to end");
    }

    @Test
    void aPasswordResetADeactivationAndADeletionEndTheUsersSessions() {
        Session bob = session("bob", "bob-password-1");
        Session sam = session("sam", "sam-password-1");
        Session mia = session("mia", "mia-password-1");

        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"bob@example.com\"}").statusCode());
        String mail = TestServer.json(server.get("/v1/dev/outbox", null)).get(0).get("body").asText();
        Matcher token = RESET_TOKEN.matcher(mail);
        assertTrue(token.find(), mail);
        assertEquals(204, server.send("POST", "/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token.group(1) + "\",\"new_password\":\"bobs-new-long-password\"}").statusCode());
        assertEquals(401, me(bob));

        server.execute("update users set is_active = false where username = 'sam'");
        assertEquals(401, me(sam));

        long miaId = TestServer.json(server.get("/v1/users/me", server.accessToken("mia"))).get("id").asLong();
        assertEquals(204, server.send("DELETE", "/v1/users/" + miaId, server.accessToken("root"), null)
                .statusCode());
        assertEquals(401, me(mia));
    }

    @Test
    void anAccountWithTotpNeedsItsCurrentCodeToLogIn() {
        String token = server.accessToken("alice");
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", token, null)).get("secret").asText();
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", token,
                "{\"code\":\"" + TotpCodes.at(secret, clock.instant()) + "\"}").statusCode());
        clock.advance(Duration.ofSeconds(30));

        HttpResponse<String> without = login("{\"username\":\"alice\",\"password\":\"alice-password-1\"}", Map.of());
        assertEquals(401, without.statusCode());
        assertTrue(TestServer.json(without).get("detail").asText().contains("totp_code"), without.body());
        String right = TotpCodes.at(secret, clock.instant());
        assertEquals(401, login("{\"username\":\"alice\",\"password\":\"alice-password-1\",\"totp_code\":\""
                + TotpCodes.wrong(right) + "\"}", Map.of()).statusCode());
        assertEquals(200, login("{\"username\":\"alice\",\"password\":\"alice-password-1\",\"totp_code\":\""
                + right + "\"}", Map.of()).statusCode());
    }

    @Test
    void badLoginsAreClearErrors() {
        assertEquals(401, login("{\"username\":\"alice\",\"password\":\"wrong\"}", Map.of()).statusCode());
        assertEquals(401, login("{\"username\":\"nobody\",\"password\":\"wrong\"}", Map.of()).statusCode());
        assertEquals(400, login("{\"username\":\"alice\"}", Map.of()).statusCode());
        assertEquals(400, login("{\"username\":", Map.of()).statusCode());
        assertEquals(415, login("username=alice", Map.of("Content-Type", "text/plain")).statusCode());
        assertEquals(401, server.send("GET", "/v1/users/me", null, null,
                Map.of("Cookie", "session=made-up")).statusCode());
    }

    @Test
    void overHttpsTheCookieIsSecureAndHostPrefixed() {
        try (TestServer secure = TestServer.onDatabase(database, Map.of("SESSION_SECURE_COOKIE", "true"))) {
            HttpResponse<String> login = secure.send("POST", "/v1/auth/session", null,
                    "{\"username\":\"alice\",\"password\":\"alice-password-1\"}");
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.startsWith("__Host-session="), setCookie);
            assertTrue(setCookie.contains("; Secure"), setCookie);
            HttpCookie cookie = HttpCookie.parse(setCookie).getFirst();
            assertEquals(200, secure.send("GET", "/v1/users/me", null, null,
                    Map.of("Cookie", "__Host-session=" + cookie.getValue())).statusCode());
            assertEquals(401, secure.send("GET", "/v1/users/me", null, null,
                    Map.of("Cookie", "session=" + cookie.getValue())).statusCode(), "only the prefixed name");
        }
    }
}
