package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteEnvironment;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.foreign.ForeignApi;
import io.tokenworkbench.client.foreign.ForeignApi.Flaw;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tokenworkbench.client.checks.engine.CheckEngineHttpTest.failures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against APIs that are not ours, each following another framework's conventions (see {@link ForeignApi}):
 * their own logins, keys the tester knows, and every attack, on sound servers and on deliberately flawed ones.
 */
class ForeignServersHttpTest {

    private static final String STRONG_SECRET = "k9f3Qm2vXw8LrT5zB1nH7cJ4pY6sD0aE";
    private static final ApiClient API = ApiClient.create();
    private final CheckEngine engine = new CheckEngine(API, Clock.systemUTC());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private RunResult run(Suite suite, ForeignApi server) {
        return engine.run(suite, server.baseUrl(), CheckEngine.RunOptions.defaults(), RunListener.NONE,
                new RunControl());
    }

    private static Suite fastapiSuite(String secret) throws Exception {
        return SuiteParser.parse("fastapi-tutorial.yaml", Files.readString(Path.of("../docs/examples/fastapi-tutorial.yaml")),
                SuiteEnvironment.of(Map.of("JWT_SECRET", secret), Path.of(".")));
    }

    private static Suite suite(String yaml, Map<String, String> env) throws SuiteException {
        return SuiteParser.parse("suite.yaml", yaml, SuiteEnvironment.of(env, Path.of(".")));
    }

    private static CellResult cell(RunResult result, String row, String column) {
        return result.rows().stream().filter(r -> r.name().equals(row)).findFirst().orElseThrow()
                .cell(column).orElseThrow();
    }

    @Test
    void theFastApiTutorialSuitePassesOnASoundServer() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET)) {
            RunResult result = run(fastapiSuite(STRONG_SECRET), server);

            assertTrue(result.passed(), () -> failures(result));
            CellResult guessed = cell(result, "who am I", "guessed");
            assertTrue(guessed.note().startsWith("weak-secret: ") && guessed.note().contains("forged tokens, all refused"),
                    guessed.note());
            assertEquals(200, cell(result, "my items need the items scope", "signed").actual(),
                    "a token signed with the known key is as good as the server's own");
        }
    }

    @Test
    void anOwnershipBugFailsTheCellThatShowsIt() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET, Flaw.ANY_USER_DELETES)) {
            RunResult result = run(fastapiSuite(STRONG_SECRET), server);

            CellResult johndoe = cell(result, "only the owner deletes a post", "johndoe");
            assertEquals(Outcome.FAIL, johndoe.outcome());
            assertEquals(204, johndoe.actual());
            assertEquals(Outcome.PASS, cell(result, "only the owner deletes a post", "alice").outcome());
        }
    }

    @Test
    void acceptingAlgNoneFailsTheNoneVariantsCellsNamingTheSpelling() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET, Flaw.ALG_NONE)) {
            RunResult result = run(fastapiSuite(STRONG_SECRET), server);

            CellResult none = cell(result, "who am I", "none");
            assertEquals(Outcome.FAIL, none.outcome());
            assertTrue(none.reason().startsWith("none-variants: alg none: expected 401, got 200"), none.reason());
            assertTrue(none.reason().contains("accepted a forged token"), none.reason());
            assertEquals(Outcome.PASS, cell(result, "who am I", "jwk").outcome());
        }
    }

    @Test
    void theTutorialsOwnSecretIsFoundByTheWeakSecretAttack() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(ForeignApi.TUTORIAL_SECRET)) {
            RunResult result = run(fastapiSuite(ForeignApi.TUTORIAL_SECRET), server);

            CellResult guessed = cell(result, "who am I", "guessed");
            assertEquals(Outcome.FAIL, guessed.outcome());
            assertTrue(guessed.reason().startsWith("weak-secret: HS256 with '" + ForeignApi.TUTORIAL_SECRET + "'"),
                    guessed.reason());
        }
    }

    @Test
    void grantingScopesAsAskedFailsTheClaimAssertion() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET, Flaw.SCOPES_AS_ASKED)) {
            RunResult result = run(fastapiSuite(STRONG_SECRET), server);

            CellResult greedy = cell(result, "nobody gets a scope they may not have", "greedy");
            assertEquals(Outcome.FAIL, greedy.outcome());
            assertTrue(greedy.reason().contains("claim /scopes") && greedy.reason().contains("not to hold \"admin\""),
                    greedy.reason());
        }
    }

    private static final String RS256_ATTACKS = """
            name: attacks on an RS256 API
            auth:
              login:
                request: {method: POST, path: /api/token/, json: {username: "${username}", password: "${password}"}}
                token: /access
                refresh: /refresh
            identities:
              johndoe: {login: {username: johndoe, password: secret}}
              confusion: {derive: {from: johndoe, kind: key-confusion}}
              jwk: {derive: {from: johndoe, kind: jwk-header}}
              jku: {derive: {from: johndoe, kind: jku}}
              traversal: {derive: {from: johndoe, kind: kid-traversal}}
              injection: {derive: {from: johndoe, kind: kid-injection}}
              psychic: {derive: {from: johndoe, kind: psychic}}
              none: {derive: {from: johndoe, kind: none-variants}}
            checks:
              - name: profile
                request: GET /api/profile/
                expect: {default: 401, johndoe: 200}
                assert:
                  - {json: /user_id, equals: "1", when_identity: johndoe}
            """;

    @Test
    void everyAttackIsRefusedByASoundRs256Server() throws Exception {
        try (ForeignApi server = ForeignApi.rs256()) {
            RunResult result = run(suite(RS256_ATTACKS, Map.of()), server);

            assertTrue(result.passed(), () -> failures(result));
            CellResult confusion = cell(result, "profile", "confusion");
            assertTrue(confusion.note().startsWith("key-confusion: 4 forged tokens"), confusion.note());
            assertTrue(cell(result, "profile", "jku").note().endsWith("the server did not fetch the jku key set"),
                    cell(result, "profile", "jku").note());
        }
    }

    @Test
    void eachFlawedVerifierFailsTheCellOfItsAttack() throws Exception {
        Map<Flaw, String> attackOf = Map.of(Flaw.KEY_CONFUSION, "confusion", Flaw.EMBEDDED_JWK, "jwk",
                Flaw.FOLLOWS_JKU, "jku", Flaw.KID_AS_PATH, "traversal", Flaw.KID_IN_SQL, "injection");
        Map<String, String> nameOf = Map.of("confusion", "key-confusion", "jwk", "jwk-header", "jku", "jku",
                "traversal", "kid-traversal", "injection", "kid-injection");
        for (Map.Entry<Flaw, String> flaw : attackOf.entrySet()) {
            try (ForeignApi server = ForeignApi.rs256(flaw.getKey())) {
                RunResult result = run(suite(RS256_ATTACKS, Map.of()), server);

                List<CellResult> failed = result.cells().filter(c -> c.outcome() != Outcome.PASS).toList();
                assertEquals(1, failed.size(), flaw.getKey() + ": " + failures(result));
                CellResult cell = failed.getFirst();
                assertEquals(flaw.getValue(), cell.column(), flaw.getKey().toString());
                assertTrue(cell.reason().startsWith(nameOf.get(flaw.getValue()) + ": "), cell.reason());
                if (flaw.getKey() == Flaw.FOLLOWS_JKU) {
                    assertTrue(cell.note().contains("fetched the jku key set"), cell.note());
                }
            }
        }
    }

    @Test
    void aDjangoStyleLoginIsRenewedBeforeItsShortLivedTokenExpires() throws Exception {
        try (ForeignApi server = ForeignApi.shortLived(STRONG_SECRET, 20)) {
            Suite suite = suite("""
                    name: SimpleJWT
                    auth:
                      login:
                        request: {method: POST, path: /api/token/, json: {username: "${username}", password: "${password}"}}
                        token: /access
                        refresh: /refresh
                        refresh_request: {method: POST, path: /api/token/refresh/, json: {refresh: "${refresh_token}"}}
                      keys:
                        server: {secret: "${env:JWT_SECRET}"}
                    identities:
                      alice: {login: {username: alice, password: wonderland}}
                      stale: {sign: {key: server, claims: {sub: alice, scopes: [me]}, expires_in: -60}}
                    checks:
                      - name: profile
                        request: GET /api/profile/
                        expect: {default: 401, alice: 200}
                      - name: profile again
                        request: GET /api/profile/
                        expect: {default: 401, alice: 200}
                    """, Map.of("JWT_SECRET", STRONG_SECRET));
            List<String> messages = new CopyOnWriteArrayList<>();
            RunResult result = engine.run(suite, server.baseUrl(), CheckEngine.RunOptions.defaults(),
                    new RunListener() {
                        @Override
                        public void message(String text) {
                            messages.add(text);
                        }
                    }, new RunControl());

            assertTrue(result.passed(), () -> failures(result));
            assertTrue(server.refreshes() >= 1, "the refresh token was used: " + server.refreshes());
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("Renewed the token of 'alice'")), messages::toString);
            assertTrue(messages.stream().noneMatch(m -> m.contains("'stale'")), "a token meant to be expired stays so");
            assertEquals(1, server.logins(), "renewed by refreshing, not by logging in again");
        }
    }

    @Test
    void aThrottleIsExpressedByRepeatingTheRequest() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET)) {
            Suite suite = suite("""
                    name: throttle
                    checks:
                      - name: four in a row
                        request: GET /api/throttled/
                        repeat: {count: 4, expect_last: 429}
                        expect: 200
                    """, Map.of());

            RunResult result = run(suite, server);

            assertTrue(result.passed(), () -> failures(result));
            CellResult cell = cell(result, "four in a row", "anonymous");
            assertEquals(429, cell.actual());
            assertEquals("4 requests in a row: 200 ×3, 429 ×1", cell.note());
        }
    }

    @Test
    void headerTokensCookieSessionsApiKeysAndCapturedTokensWork() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET)) {
            Suite headerLogin = suite("""
                    name: JSON login, token in a header
                    auth:
                      login:
                        request: {method: POST, path: /auth/login, json: {email: "${email}", password: "${password}"}}
                        token: header:Authorization
                    identities:
                      alice: {login: {email: alice@example.com, password: "${env:ALICE_PASSWORD}"}}
                      john: {token: "${johns}"}
                    setup:
                      - request: {method: POST, path: /api/token/, json: {username: johndoe, password: secret}}
                        capture: {johns: /access}
                    checks:
                      - name: me
                        request: GET /users/me/
                        expect: {default: 401, alice: 200, john: 200}
                    """, Map.of("ALICE_PASSWORD", "wonderland"));
            RunResult header = run(headerLogin, server);
            assertTrue(header.passed(), () -> failures(header));

            Suite cookies = suite("""
                    name: cookie session
                    auth:
                      login:
                        request: {method: POST, path: /session/login, json: {username: "${username}", password: "${password}"}}
                    identities:
                      alice: {login: {username: alice, password: wonderland}, session: cookie}
                      keyed: {api_key: {header: X-API-Key, value: "%s"}}
                      queried: {api_key: {query: api_key, value: "%s"}}
                      wrong-key: {api_key: {header: X-API-Key, value: nope}}
                    checks:
                      - name: session
                        request: GET /session/me
                        expect: {default: 403, alice: 200}
                      - name: keyed
                        request: GET /keyed/data
                        expect: {default: 401, keyed: 200, queried: 200}
                    """.formatted(ForeignApi.API_KEY, ForeignApi.API_KEY), Map.of());
            RunResult sessions = run(cookies, server);
            assertTrue(sessions.passed(), () -> failures(sessions));
            assertTrue(sessions.cells().noneMatch(c -> c.exchange() != null
                    && c.exchange().toText().contains(ForeignApi.API_KEY)), "API keys are redacted in records");
        }
    }

    @Test
    void aVariableThatIsNeverCapturedIsAnErrorNotSentAsItIs() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET)) {
            Suite suite = suite("""
                    name: failed capture
                    setup:
                      - request: {method: POST, path: /api/token/, json: {username: johndoe, password: wrong}}
                        capture: {johns: /access}
                    identities:
                      john: {token: "${johns}"}
                    checks:
                      - name: me
                        request: GET /users/me/
                        expect: {default: 401, john: 200}
                    """, Map.of());

            RunResult result = run(suite, server);

            CellResult john = cell(result, "me", "john");
            assertEquals(Outcome.ERROR, john.outcome());
            assertTrue(john.reason().contains("${johns} has no value"), john.reason());
            assertTrue(john.exchange() == null, "nothing was sent");
        }
    }

    @Test
    void oauthGrantsGoToTheTokenEndpointTheServersMetadataNames() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(STRONG_SECRET)) {
            Suite suite = suite("""
                    name: OAuth2 grants
                    identities:
                      alice: {login: {username: alice, password: wonderland}}
                      service: {client_credentials: {client_id: svc, client_secret: svc-secret}}
                      service-form: {client_credentials: {client_id: svc, client_secret: svc-secret, client_auth: form}}
                      impostor: {client_credentials: {client_id: svc, client_secret: wrong}}
                      resumed: {refresh_token: "${refresh}"}
                    setup:
                      - request: {method: POST, path: /oauth/token, form: {grant_type: password, username: johndoe, password: secret}}
                        capture: {refresh: /refresh_token}
                    checks:
                      - name: items
                        request: GET /users/me/items/
                        identities: [anonymous, alice, service, service-form, resumed]
                        expect: {default: 200, anonymous: 401, alice: 403}
                    """, Map.of());

            RunResult result = run(suite, server);

            assertTrue(result.passed(), () -> failures(result));
            assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("Identity 'impostor' could not be obtained")
                    && n.contains("answered 401")), result.notes()::toString);
            assertEquals(1, server.refreshes(), "the refresh token identity was exchanged once");
        }
    }
}
