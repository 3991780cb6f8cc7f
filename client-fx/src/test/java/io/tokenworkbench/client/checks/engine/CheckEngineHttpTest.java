package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against a real dev-mode backend. */
class CheckEngineHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private final CheckEngine engine = new CheckEngine(API, Clock.systemUTC());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private RunResult run(Suite suite) {
        return engine.run(suite, backend.baseUrl(), CheckEngine.RunOptions.defaults(), RunListener.NONE,
                new RunControl());
    }

    static String failures(RunResult result) {
        return result.cells().filter(c -> c.outcome() != Outcome.PASS)
                .map(c -> c.row() + " as " + c.column() + ": " + c.outcome() + " " + c.reason())
                .collect(Collectors.joining("\n")) + "\n" + String.join("\n", result.notes());
    }

    @Test
    void aWrongExpectationFailsWithAClearReason() throws SuiteException {
        Suite suite = SuiteParser.parse("wrong.yaml", """
                name: wrong
                identities:
                  alice: {mint: {username: alice, expires_in: 300}}
                checks:
                  - name: admin users
                    request: GET /v1/admin/users
                    expect: {default: 401, alice: 200}
                  - name: ping says pong
                    request: GET /ping
                    expect: 200
                    assert:
                      - json: /ping
                        equals: ping
                """);

        RunResult result = run(suite);

        CellResult alice = result.rows().getFirst().cell("alice").orElseThrow();
        assertEquals(Outcome.FAIL, alice.outcome());
        assertEquals(403, alice.actual());
        assertTrue(alice.reason().startsWith("expected 200, got 403"), alice.reason());
        assertEquals(Outcome.PASS, result.rows().getFirst().cell("anonymous").orElseThrow().outcome());
        CellResult pong = result.rows().get(1).cell("anonymous").orElseThrow();
        assertEquals(Outcome.FAIL, pong.outcome());
        assertEquals("JSON /ping is \"pong\", expected \"ping\"", pong.reason());
        assertFalse(result.passed());
    }

    @Test
    void setupCapturesAndPerCellStepsFeedTheChecks() throws SuiteException {
        Suite suite = SuiteParser.parse("captures.yaml", """
                name: captures
                variables:
                  title: Captured draft
                identities:
                  alice: {mint: {username: alice, expires_in: 300}}
                  bob: {mint: {username: bob, expires_in: 300}}
                setup:
                  - name: alice writes a draft
                    as: alice
                    request: {method: POST, path: /v1/posts, json: {title: "${title}", content: "x"}}
                    expect: 201
                    capture: {draft: /id}
                checks:
                  - name: the draft is alice's alone
                    request: GET /v1/posts/${draft}
                    expect: {default: 404, alice: 200}
                    assert:
                      - json: /title
                        equals: Captured draft
                        when_status: 200
                  - name: a fresh post per cell
                    before_each:
                      - as: bob
                        request: {method: POST, path: /v1/posts, json: {title: "t ${unique}", content: "x", published: true}}
                        capture: {mine: /id}
                    request: DELETE /v1/posts/${mine}
                    expect: {default: 403, anonymous: 401, bob: 204}
                """);

        RunResult result = run(suite);

        assertTrue(result.passed(), () -> failures(result));
    }

    @Test
    void everyDerivedBadIdentityIsRefused() throws SuiteException {
        Suite suite = SuiteParser.parse("derived.yaml", """
                name: derived
                identities:
                  alice: {login: {username: alice, password: alice-password-1}}
                  minted: {mint: {username: alice, expires_in: 300}}
                  tampered: {derive: {from: alice, kind: tampered}}
                  alg-none: {derive: {from: alice, kind: alg-none}}
                  stripped: {derive: {from: alice, kind: stripped}}
                  other-key: {derive: {from: alice, kind: other-key}}
                  edited-audience: {derive: {from: alice, kind: audience}}
                  edited-issuer: {derive: {from: alice, kind: issuer, value: "https://evil.example"}}
                  signed-audience: {derive: {from: minted, kind: audience}}
                  signed-issuer: {derive: {from: minted, kind: issuer}}
                checks:
                  - request: GET /protected
                    expect: {default: 401, alice: 200, minted: 200}
                    assert:
                      - header: WWW-Authenticate
                        matches: 'error="invalid_token"'
                        when_identity: [tampered, alg-none, stripped, other-key, edited-audience, edited-issuer,
                                        signed-audience, signed-issuer]
                """);

        RunResult result = run(suite);

        assertTrue(result.passed(), () -> failures(result));
        assertEquals(11, result.rows().getFirst().cells().size());
    }

    @Test
    void anUnreachableServerGivesErrorsNotAnException() throws SuiteException {
        Suite suite = SuiteParser.parse("down.yaml", """
                name: down
                identities:
                  alice: {login: {username: alice, password: alice-password-1}}
                checks:
                  - request: GET /ping
                    expect: 200
                """);

        RunResult result = engine.run(suite, "http://127.0.0.1:9", CheckEngine.RunOptions.defaults(),
                RunListener.NONE, new RunControl());

        assertTrue(result.cells().allMatch(c -> c.outcome() == Outcome.ERROR), () -> failures(result));
        assertTrue(result.notes().getFirst().contains("Identity 'alice' could not be obtained"), result.notes()::toString);
        assertTrue(result.rows().getFirst().cell("alice").orElseThrow().reason().startsWith("no token for 'alice'"));
    }

    @Test
    void aStoppedRunSkipsWhatItHasNotStarted() {
        RunControl control = new RunControl();
        control.cancel();

        RunResult result = engine.run(SuiteParser.builtin(), backend.baseUrl(), CheckEngine.RunOptions.defaults(),
                RunListener.NONE, control);

        assertTrue(result.cancelled());
        assertEquals(0, result.cells().count());
        assertFalse(result.passed());
    }
}
