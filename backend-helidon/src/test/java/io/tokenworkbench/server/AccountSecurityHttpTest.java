package io.tokenworkbench.server;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password reset, TOTP, API keys and HTTP Basic, against a real server whose clock the test moves. */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class AccountSecurityHttpTest {

    /** The database this run of the class is on. */
    @Parameter
    String database;

    private static final Pattern RESET_TOKEN = Pattern.compile("\\n\\n([A-Za-z0-9_-]{43})\\n\\n");

    private MutableClock clock;
    private TestServer server;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        server = TestServer.dev(database, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void resetRequestsAnswerTheSameForKnownAndUnknownEmails() {
        HttpResponse<String> known = server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"bob@example.com\"}");
        HttpResponse<String> unknown = server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"nobody@example.com\"}");

        assertEquals(202, known.statusCode());
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.body(), unknown.body());
        JsonNode outbox = TestServer.json(server.get("/v1/dev/outbox", null));
        assertEquals(1, outbox.size(), "only the known address gets mail");
        assertEquals("bob@example.com", outbox.get(0).get("to").asText());
    }

    @Test
    void aResetTokenWorksOnceRevokesRefreshTokensAndChangesThePassword() {
        JsonNode before = server.login("bob", "bob-password-1", null);
        String token = requestReset("bob@example.com");

        assertEquals(204, confirm(token, "bobs-new-long-password").statusCode());

        HttpResponse<String> again = confirm(token, "another-long-password");
        assertEquals(400, again.statusCode());
        assertTrue(TestServer.json(again).get("detail").asText().contains("already used"));
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", before.get("refresh_token").asText())).statusCode(), "refresh tokens revoked");
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "password", "username", "bob",
                "password", "bob-password-1")).statusCode());
        server.login("bob", "bobs-new-long-password", null);
    }

    @Test
    void aCompletedResetSpendsTheUsersOtherResetTokens() {
        String older = requestReset("bob@example.com");
        String newer = requestReset("bob@example.com");

        assertEquals(204, confirm(newer, "bobs-new-long-password").statusCode());

        HttpResponse<String> late = confirm(older, "an-attackers-long-password");
        assertEquals(400, late.statusCode(), late.body());
        assertTrue(TestServer.json(late).get("detail").asText().contains("already used"));
        server.login("bob", "bobs-new-long-password", null);
    }

    @Test
    void aResetTokenExpiresAfterOneHour() {
        String token = requestReset("alice@example.com");
        clock.advance(Duration.ofMinutes(61));

        HttpResponse<String> late = confirm(token, "alices-new-long-password");

        assertEquals(400, late.statusCode());
        assertTrue(TestServer.json(late).get("detail").asText().contains("expired"));
    }

    @Test
    void aResetRefusesWeakPasswordsAndBadTokens() {
        String token = requestReset("alice@example.com");
        assertEquals(400, confirm(token, "short").statusCode());
        assertEquals(400, confirm(token, "password123456").statusCode());
        assertEquals(400, confirm("not-a-token", "alices-new-long-password").statusCode());
        assertEquals(204, confirm(token, "alices-new-long-password").statusCode(), "the token survived the refusals");
    }

    @Test
    void totpEnrolsActivatesGuardsAndRefusesReplay() throws Exception {
        String alice = server.accessToken("alice");
        assertEquals(403, sensitive(alice, "123456").statusCode(), "no TOTP yet");

        JsonNode enrolment = TestServer.json(server.send("POST", "/v1/auth/totp", alice, null));
        String secret = enrolment.get("secret").asText();
        assertTrue(enrolment.get("otpauth_uri").asText().startsWith("otpauth://totp/"));
        assertTrue(enrolment.get("otpauth_uri").asText().contains("secret=" + secret));

        assertEquals(400, server.send("POST", "/v1/auth/totp/verify", alice, "{\"code\":\"" + wrong(code(secret)) + "\"}")
                .statusCode());
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", alice, "{\"code\":\"" + code(secret) + "\"}")
                .statusCode());
        assertEquals(409, server.send("POST", "/v1/auth/totp", alice, null).statusCode(), "active TOTP is not replaced");

        clock.advance(Duration.ofSeconds(30));
        String code = code(secret);
        assertEquals(401, sensitive(alice, null).statusCode());
        assertEquals(401, sensitive(alice, wrong(code)).statusCode());
        assertEquals(200, sensitive(alice, code).statusCode());
        HttpResponse<String> replay = sensitive(alice, code);
        assertEquals(401, replay.statusCode(), "an accepted code cannot be used again");

        clock.advance(Duration.ofSeconds(30));
        String previousStep = codeAt(secret, clock.instant().minusSeconds(30));
        assertEquals(401, sensitive(alice, previousStep).statusCode(), "an older step after a newer one is refused");
        assertEquals(200, sensitive(alice, code(secret)).statusCode());
    }

    @Test
    void totpAcceptsOneStepOfDriftEitherWay() throws Exception {
        String bob = server.accessToken("bob");
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", bob, null)).get("secret").asText();
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", bob,
                "{\"code\":\"" + codeAt(secret, clock.instant().minusSeconds(30)) + "\"}").statusCode());
        clock.advance(Duration.ofSeconds(90));
        assertEquals(200, sensitive(bob, codeAt(secret, clock.instant().plusSeconds(30))).statusCode());
        clock.advance(Duration.ofSeconds(120));
        assertEquals(401, sensitive(bob, codeAt(secret, clock.instant().plusSeconds(60))).statusCode());
    }

    @Test
    void apiKeysAreShownOnceStoredHashedAndOwned() {
        String alice = server.accessToken("alice");
        HttpResponse<String> created = server.send("POST", "/v1/api-keys", alice, "{\"name\":\"ci\"}");
        assertEquals(201, created.statusCode());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        JsonNode key = TestServer.json(created);
        String secret = key.get("key").asText();
        assertTrue(secret.startsWith("twk_") && secret.startsWith(key.get("prefix").asText()));

        String listing = server.get("/v1/api-keys", alice).body();
        assertFalse(listing.contains(secret));
        assertTrue(listing.contains(key.get("prefix").asText()));
        server.query("select key_hash, prefix, name from api_keys", (rs, ctx) -> rs.getString("key_hash") + " "
                + rs.getString("prefix") + " " + rs.getString("name"), rows -> {
            assertEquals(1, rows.size());
            assertFalse(rows.getFirst().contains(secret), "only a hash is stored");
        });

        HttpResponse<String> data = server.send("GET", "/v1/data", null, null, Map.of("X-API-Key", secret));
        assertEquals(200, data.statusCode());
        assertEquals(401, server.send("GET", "/v1/data", null, null, Map.of("X-API-Key", secret + "x")).statusCode());

        long id = key.get("id").asLong();
        assertEquals(404, server.send("DELETE", "/v1/api-keys/" + id, server.accessToken("bob"), null).statusCode());
        assertEquals(204, server.send("DELETE", "/v1/api-keys/" + id, alice, null).statusCode());
        assertEquals(401, server.send("GET", "/v1/data", null, null, Map.of("X-API-Key", secret)).statusCode());
    }

    @Test
    void httpBasicUsesTheSameUsers() {
        HttpResponse<String> hello = server.send("GET", "/v1/basic/hello", null, null,
                Map.of("Authorization", basic("alice", "alice-password-1")));
        assertEquals(200, hello.statusCode());
        assertEquals("Hello, alice", TestServer.json(hello).get("message").asText());

        for (String credentials : List.of(basic("alice", "wrong"), basic("nobody", "alice-password-1"), "Basic %%%")) {
            HttpResponse<String> refused = server.send("GET", "/v1/basic/hello", null, null,
                    Map.of("Authorization", credentials));
            assertEquals(401, refused.statusCode(), credentials);
            assertEquals("Basic realm=\"api\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        }
    }

    private String requestReset(String email) {
        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"" + email + "\"}").statusCode());
        String body = TestServer.json(server.get("/v1/dev/outbox", null)).get(0).get("body").asText();
        Matcher matcher = RESET_TOKEN.matcher(body);
        assertTrue(matcher.find(), body);
        return matcher.group(1);
    }

    private HttpResponse<String> confirm(String token, String password) {
        return server.send("POST", "/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"new_password\":\"" + password + "\"}");
    }

    private HttpResponse<String> sensitive(String token, String code) {
        return server.send("GET", "/v1/secure/sensitive-data", token, null,
                code == null ? Map.of() : Map.of("X-TOTP-Code", code));
    }

    private String code(String secret) throws Exception {
        return codeAt(secret, clock.instant());
    }

    private static String codeAt(String secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(
                new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm()), at);
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
