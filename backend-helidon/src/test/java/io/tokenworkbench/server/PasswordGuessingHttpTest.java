package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passwords cannot be guessed around the limits: HTTP Basic failures count in the same per-address and per-username
 * buckets as the token endpoint's (issue 16, #3).
 */
class PasswordGuessingHttpTest {

    private static HttpResponse<String> basic(TestServer server, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return server.send("GET", "/v1/basic/hello", null, null, Map.of("Authorization", "Basic " + credentials));
    }

    private static HttpResponse<String> login(TestServer server, String user, String password) {
        return server.form("/v1/auth/token", Map.of("grant_type", "password", "username", user, "password",
                password));
    }

    @Test
    void afterTheTokenEndpointSays429BasicGuessesFromTheSameAddressAreRefusedToo() {
        try (TestServer server = TestServer.start(config -> config.withRateLimitsEnabled(true))) {
            int refused = 0;
            for (int i = 0; i < 11; i++) {
                if (login(server, "user" + i, "not-the-password").statusCode() == 429) {
                    refused++;
                }
            }
            assertEquals(1, refused, "the 11th request to the token endpoint");

            HttpResponse<String> guess = basic(server, "alice", "another-guess");
            assertEquals(429, guess.statusCode(), guess.body());
            assertTrue(guess.headers().firstValue("Retry-After").isPresent());
        }
    }

    @Test
    void tenWrongPasswordsLockTheUsernameForBasicAndTheTokenEndpointAlike() {
        try (TestServer server = TestServer.dev()) {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, basic(server, "bob", "guess-" + i).statusCode());
            }

            assertEquals(429, basic(server, "bob", "bob-password-1").statusCode(), "even the right password");
            assertEquals(429, login(server, "bob", "bob-password-1").statusCode(), "and at the token endpoint");
            assertEquals(200, basic(server, "alice", "alice-password-1").statusCode(), "other users are not locked");
            assertTrue(server.get("/v1/admin/audit?limit=100", server.accessToken("root")).body()
                    .contains("\"LOGIN_LOCKOUT\""));
        }
    }
}
