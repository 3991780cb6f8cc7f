package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.totp.AuthenticatorCode;
import io.tokenworkbench.model.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headless authorization_code identity and the cookie session identity of suites, against the real backend: an
 * account with TOTP signs in on the login page with its current code, and a session sends its CSRF token on unsafe
 * requests only.
 */
class BrowserAndSessionIdentitiesHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private static JsonNode json(ApiResult result) throws Exception {
        return Json.mapper().readTree(((ApiResult.Response) result).body());
    }

    /** Registers a user with TOTP active; its base32 secret. */
    private static String userWithTotp(String username) throws Exception {
        API.send(ApiRequest.json("POST", backend.baseUrl(), "/v1/auth/register", "{\"username\":\"" + username
                + "\",\"email\":\"" + username + "@example.com\",\"password\":\"a-long-unusual-pass-7\"}"));
        String token = json(API.send(ApiRequest.of("POST", backend.baseUrl(), "/v1/auth/token")
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("grant_type=password&username=" + username + "&password=a-long-unusual-pass-7")))
                .get("access_token").asText();
        String secret = json(API.send(ApiRequest.json("POST", backend.baseUrl(), "/v1/auth/totp", "{}")
                .withBearer(token))).get("secret").asText();
        ApiResult verified = API.send(ApiRequest.json("POST", backend.baseUrl(), "/v1/auth/totp/verify",
                "{\"code\":\"" + AuthenticatorCode.at(secret, Instant.now()) + "\"}").withBearer(token));
        assertEquals(204, ((ApiResult.Response) verified).status());
        return secret;
    }

    @Test
    void anAccountWithTotpSignsInOnTheLoginPageAndToASessionWithItsCurrentCode() throws Exception {
        String secret = userWithTotp("totp_suite_user");
        // The code of the next time step: the one activation used cannot be used again.
        Clock next = Clock.fixed(Instant.now().plus(Duration.ofSeconds(30)), ZoneOffset.UTC);
        RunResult result = new CheckEngine(API, next).run(SuiteParser.parse("totp.yaml", """
                name: second factor
                identities:
                  browser:
                    authorization_code: {client_id: token-workbench, username: totp_suite_user,
                                         password: a-long-unusual-pass-7, totp_secret: "%s"}
                  no-code:
                    authorization_code: {client_id: token-workbench, username: totp_suite_user,
                                         password: a-long-unusual-pass-7}
                checks:
                  - name: me
                    request: GET /v1/users/me
                    identities: [browser, no-code]
                    expect: 200
                """.formatted(secret)), backend.baseUrl(), CheckEngine.RunOptions.defaults(), RunListener.NONE,
                new RunControl());

        assertEquals(Outcome.PASS, result.rows().getFirst().cell("browser").orElseThrow().outcome(),
                CheckEngineHttpTest.failures(result));
        CellResult noCode = result.rows().getFirst().cell("no-code").orElseThrow();
        assertEquals(Outcome.ERROR, noCode.outcome());
        assertTrue(noCode.reason().contains("two-factor"), noCode.reason());
    }

    @Test
    void aSessionSendsItsCsrfTokenOnUnsafeRequestsAndItsCookieOnAll() throws SuiteException {
        RunResult result = new CheckEngine(API, Clock.systemUTC()).run(SuiteParser.parse("session.yaml", """
                name: sessions
                identities:
                  bob-session: {session: {username: bob, password: bob-password-1}}
                  form-session: {session: {username: bob, password: bob-password-1, format: form}}
                  without-csrf: {session: {username: bob, password: bob-password-1, csrf: none}}
                  wrong-place: {session: {username: bob, password: bob-password-1, csrf: /nowhere}}
                checks:
                  - name: me
                    request: GET /v1/users/me
                    identities: [bob-session, form-session, without-csrf]
                    expect: 200
                  - name: write
                    request:
                      method: POST
                      path: /v1/posts
                      json: {title: "By session", content: "x"}
                    identities: [bob-session, form-session, without-csrf, wrong-place]
                    expect: {default: 201, without-csrf: 403}
                """), backend.baseUrl(), CheckEngine.RunOptions.defaults(), RunListener.NONE, new RunControl());

        result.rows().forEach(row -> row.cells().forEach((identity, cell) -> {
            if (!identity.equals("wrong-place")) {
                assertEquals(Outcome.PASS, cell.outcome(), row.name() + " as " + identity + ": " + cell.reason());
            }
        }));
        CellResult wrongPlace = result.rows().get(1).cell("wrong-place").orElseThrow();
        assertEquals(Outcome.ERROR, wrongPlace.outcome());
        assertTrue(wrongPlace.reason().contains("no CSRF token at /nowhere"), wrongPlace.reason());
    }
}
