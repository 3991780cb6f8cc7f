package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token verified once is remembered, and still every refusal that applies to it takes effect on the very next
 * request: logout, deletion of its user, expiry; and another spelling of it is another token.
 */
class VerifiedTokenCacheHttpTest {

    @Test
    void aRememberedTokenIsRefusedOnTheNextRequestAfterLogout() {
        try (TestServer server = TestServer.dev()) {
            String token = server.accessToken("alice");
            assertEquals(200, server.get("/protected", token).statusCode());
            assertEquals(200, server.get("/protected", token).statusCode());

            assertEquals(204, server.send("POST", "/v1/auth/logout", token, null).statusCode());

            var refused = server.get("/protected", token);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("revoked"), refused.body());
        }
    }

    @Test
    void aRememberedTokenIsRefusedOnTheNextRequestAfterItsUserIsDeleted() {
        try (TestServer server = TestServer.dev()) {
            long id = TestServer.json(server.send("POST", "/v1/auth/register", null,
                    "{\"username\":\"dana\",\"email\":\"dana@example.com\",\"password\":\"a-long-unusual-pass-1\"}"))
                    .get("id").asLong();
            String token = server.login("dana", "a-long-unusual-pass-1", null).get("access_token").asText();
            assertEquals(200, server.get("/protected", token).statusCode());

            assertEquals(204, server.send("DELETE", "/v1/users/" + id, server.accessToken("root"), null).statusCode());

            assertEquals(401, server.get("/protected", token).statusCode());
        }
    }

    @Test
    void aRememberedTokenExpiresOnTime() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer server = TestServer.dev(clock)) {
            String token = server.mint("{\"username\":\"alice\",\"expires_in\":120}");
            assertEquals(200, server.get("/protected", token).statusCode());

            clock.advance(Duration.ofSeconds(120 + 59));
            assertEquals(200, server.get("/protected", token).statusCode(), "within the 60 s of clock skew");

            clock.advance(Duration.ofSeconds(2));
            var refused = server.get("/protected", token);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("expired"), refused.body());
        }
    }

    @Test
    void anotherSpellingOfARememberedTokenIsNotIt() {
        try (TestServer server = TestServer.dev()) {
            String token = server.accessToken("alice");
            assertEquals(200, server.get("/protected", token).statusCode());

            for (String padded : new String[] {token + "=", token + "==", withPaddedPayload(token)}) {
                var refused = server.get("/protected", padded);
                assertEquals(401, refused.statusCode(), padded.substring(padded.length() - 4));
                assertTrue(refused.body().contains("invalid_token") || refused.headers().firstValue(
                        "WWW-Authenticate").orElse("").contains("invalid_token"), refused.body());
            }
        }
    }

    private static String withPaddedPayload(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "=." + parts[2];
    }
}
