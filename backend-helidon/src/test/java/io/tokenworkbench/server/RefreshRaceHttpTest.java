package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refresh token spent twice at once leaves nothing alive: the successor the winner got is revoked with the family,
 * and so is the access token that came with it (issue 16, #2 and #13).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class RefreshRaceHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(String database) {
        server = TestServer.dev(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> refresh(String token) {
        return server.form("/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", token));
    }

    @Test
    void aConcurrentReuseRevokesTheSuccessorToo() throws Exception {
        int survivors = 0;
        for (int run = 0; run < 30; run++) {
            String first = server.login("alice", "alice-password-1", null).get("refresh_token").asText();
            for (HttpResponse<String> response : AtOnce.run(2, i -> () -> refresh(first))) {
                if (response.statusCode() == 200) {
                    String successor = TestServer.json(response).get("refresh_token").asText();
                    String access = TestServer.json(response).get("access_token").asText();
                    if (refresh(successor).statusCode() == 200) {
                        survivors++;
                    }
                    assertEquals(401, server.get("/protected", access).statusCode(),
                            "the access token of a revoked family is revoked too");
                } else {
                    assertEquals(401, response.statusCode(), response.body());
                }
            }
        }
        assertEquals(0, survivors, "no successor outlives a family revocation");
    }

    @Test
    void concurrentLogoutsOfOneTokenAllSucceedOrFindItRevoked() throws Exception {
        for (int run = 0; run < 20; run++) {
            var pair = server.login("alice", "alice-password-1", null);
            String access = pair.get("access_token").asText();
            String body = "{\"refresh_token\":\"" + pair.get("refresh_token").asText() + "\"}";

            for (HttpResponse<String> response : AtOnce.run(4,
                    i -> () -> server.send("POST", "/v1/auth/logout", access, body))) {
                assertTrue(response.statusCode() == 204 || response.statusCode() == 401, response.statusCode() + " "
                        + response.body());
            }
            assertEquals(401, server.get("/protected", access).statusCode());
        }
    }

    @Test
    void aPasswordResetRevokesAccessTokensToo() {
        var pair = server.login("bob", "bob-password-1", null);
        String access = pair.get("access_token").asText();
        assertEquals(200, server.get("/protected", access).statusCode());

        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"bob@example.com\"}").statusCode());
        String mail = server.get("/v1/dev/outbox", null).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\n\\\\n([A-Za-z0-9_-]{43})\\\\n\\\\n").matcher(mail);
        assertTrue(m.find(), mail);
        assertEquals(204, server.send("POST", "/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + m.group(1) + "\",\"new_password\":\"a-brand-new-passphrase-7\"}").statusCode());

        assertEquals(401, server.get("/protected", access).statusCode(), "the reset ends the old access token");
    }
}
