package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One account per email and per username, whatever their case and however many register at once; the reset of such
 * an address then works (issue 16, #6).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class RegistrationRaceHttpTest {

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

    private static HttpResponse<String> register(String username, String email) {
        return server.send("POST", "/v1/auth/register", null, "{\"username\":\"" + username + "\",\"email\":\""
                + email + "\",\"password\":\"a-long-unusual-passphrase-9\"}");
    }

    @Test
    void caseVariantsOfOneEmailRegisteredAtOnceMakeOneAccount() throws Exception {
        String[] emails = {"Carol@Example.com", "carol@example.com", "CAROL@EXAMPLE.COM", "carol@Example.COM"};
        List<Integer> statuses = AtOnce.run(emails.length, n -> () -> register("carol" + n, emails[n]).statusCode());

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(emails.length - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"CaRoL@example.com\"}").statusCode(), "one account: the reset works");
    }

    @Test
    void aUsernameIsTakenWhateverItsCase() {
        assertEquals(409, register("Alice", "another-alice@example.com").statusCode());
        assertEquals(409, register("ALICE", "yet-another-alice@example.com").statusCode());
        assertEquals(201, register("Dave", "Dave@Example.com").statusCode());
        String token = server.login("DAVE", "a-long-unusual-passphrase-9", null).get("access_token").asText();

        var me = TestServer.json(server.get("/v1/users/me", token));
        assertEquals("Dave", me.get("username").asText(), "the username keeps its case; logins ignore it");
        assertEquals("dave@example.com", me.get("email").asText(), "emails are stored normalised");
    }
}
