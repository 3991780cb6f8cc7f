package io.tokenworkbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token is valid only while its user exists and is active, whichever path changed the user: the API at once, the
 * database directly (SQL, another tool) within five seconds (issue 16, #9).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class UserStatusHttpTest {

    /** The database this run of the class is on. */
    @Parameter
    String database;

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

    private static void assertRefusedAsInvalid(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertTrue(TestServer.json(response).get("detail").asText().contains("does not exist or is no longer active"));
    }

    @Test
    void aProperlySignedTokenForAUserThatDoesNotExistIsRefused() {
        String token = server.mint("{\"username\":\"alice\",\"expires_in\":600,\"claims\":{\"sub\":\"424242\"}}");

        assertRefusedAsInvalid(server.get("/protected", token));
    }

    @Test
    void aUserDeactivatedInTheDatabaseIsRefusedWithinFiveSecondsAndWelcomeBackOnceActive() {
        String alice = server.accessToken("alice");
        assertEquals(200, server.get("/protected", alice).statusCode());

        assertEquals(1, server.execute("update users set is_active = false where username = 'alice'"));
        clock.advance(Duration.ofSeconds(5).plusMillis(1));
        assertRefusedAsInvalid(server.get("/protected", alice));

        server.execute("update users set is_active = true where username = 'alice'");
        clock.advance(Duration.ofSeconds(5).plusMillis(1));
        assertEquals(200, server.get("/protected", alice).statusCode());
    }

    @Test
    void aUserDeletedInTheDatabaseIsRefusedWithinFiveSeconds() {
        long id = TestServer.json(server.send("POST", "/v1/auth/register", null,
                "{\"username\":\"dora\",\"email\":\"dora@example.com\",\"password\":\"doras-long-password-1\"}"))
                .get("id").asLong();
        String dora = server.login("dora", "doras-long-password-1", null).get("access_token").asText();
        assertEquals(200, server.get("/protected", dora).statusCode());

        assertEquals(1, server.execute("delete from users where id = " + id));
        clock.advance(Duration.ofSeconds(5).plusMillis(1));
        assertRefusedAsInvalid(server.get("/protected", dora));
    }

    @Test
    void aUserDeletedThroughTheApiIsRefusedAtOnce() {
        String bob = server.accessToken("bob");
        long id = TestServer.json(server.get("/v1/users/me", bob)).get("id").asLong();

        assertEquals(204, server.send("DELETE", "/v1/users/" + id, server.accessToken("root"), null).statusCode());

        assertRefusedAsInvalid(server.get("/protected", bob));
    }
}
