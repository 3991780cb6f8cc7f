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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second factor cannot be guessed: wrong TOTP codes are limited per user and per address (issue 16, #1); an
 * active TOTP can be removed with a current code, and only with one (#12).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class SecondFactorHttpTest {

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

    private String activate(String token) {
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", token, null)).get("secret").asText();
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", token,
                "{\"code\":\"" + TotpCodes.at(secret, clock.instant()) + "\"}").statusCode());
        clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    private HttpResponse<String> sensitive(String token, String code) {
        return server.send("GET", "/v1/secure/sensitive-data", token, null, Map.of("X-TOTP-Code", code));
    }

    @Test
    void afterFiveWrongCodesEvenTheRightOneIsRefusedWith429AndTheLockoutIsAudited() {
        String alice = server.accessToken("alice");
        String secret = activate(alice);
        String right = TotpCodes.at(secret, clock.instant());

        for (int i = 0; i < 5; i++) {
            assertEquals(401, sensitive(alice, TotpCodes.wrong(right)).statusCode(), "wrong code " + (i + 1));
        }
        HttpResponse<String> locked = sensitive(alice, right);

        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()) > 0);
        String root = server.accessToken("root");
        assertTrue(server.get("/v1/admin/audit?limit=50", root).body().contains("\"TOTP_LOCKOUT\""),
                "the lockout is an audit event");
    }

    @Test
    void enrolmentVerificationIsLimitedToo() {
        String bob = server.accessToken("bob");
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", bob, null)).get("secret").asText();
        String right = TotpCodes.at(secret, clock.instant());

        for (int i = 0; i < 5; i++) {
            assertEquals(400, server.send("POST", "/v1/auth/totp/verify", bob,
                    "{\"code\":\"" + TotpCodes.wrong(right) + "\"}").statusCode());
        }

        assertEquals(429, server.send("POST", "/v1/auth/totp/verify", bob, "{\"code\":\"" + right + "\"}")
                .statusCode());
    }

    @Test
    void oneAddressGuessingForManyUsersIsStoppedToo() {
        int refused = 0;
        for (String user : new String[]{"alice", "bob", "sam", "mia", "root"}) {
            String token = server.accessToken(user);
            String secret = activate(token);
            String right = TotpCodes.at(secret, clock.instant());
            for (int i = 0; i < 4; i++) {
                if (sensitive(token, TotpCodes.wrong(right)).statusCode() == 429) {
                    refused++;
                }
            }
        }

        assertEquals(0, refused, "20 wrong codes over five users are still answered");
        String alice = server.accessToken("alice");
        assertEquals(429, sensitive(alice, "000000").statusCode(), "the 21st from the same address is not");
    }

    @Test
    void aCurrentCodeRemovesAnActiveTotpAndAWrongOneDoesNot() {
        String alice = server.accessToken("alice");
        String secret = activate(alice);
        String right = TotpCodes.at(secret, clock.instant());

        assertEquals(401, server.send("DELETE", "/v1/auth/totp", alice, null).statusCode(), "no code");
        assertEquals(401, server.send("DELETE", "/v1/auth/totp", alice, null,
                Map.of("X-TOTP-Code", TotpCodes.wrong(right))).statusCode());
        assertEquals(401, sensitive(alice, TotpCodes.wrong(right)).statusCode(), "still active");

        assertEquals(204, server.send("DELETE", "/v1/auth/totp", alice, null, Map.of("X-TOTP-Code", right))
                .statusCode());

        assertEquals(403, sensitive(alice, right).statusCode(), "no TOTP any more");
        assertEquals(201, server.send("POST", "/v1/auth/totp", alice, null).statusCode(), "enrolling again works");
        String root = server.accessToken("root");
        assertTrue(server.get("/v1/admin/audit?limit=50", root).body().contains("\"TOTP_REMOVE\""));
    }
}
