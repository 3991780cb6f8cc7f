package io.tokenworkbench.client.checks.suite;

import io.tokenworkbench.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteParserTest {

    private static final String MINIMAL = """
            name: minimal
            identities:
              alice: {login: {username: alice, password: pw}}
            checks:
              - name: protected
                request: GET /protected
                expect: {default: 401, alice: 200}
            """;

    @Test
    void aMinimalSuiteHasAnonymousFirstAndTheDefaultFilledIn() throws SuiteException {
        Suite suite = SuiteParser.parse("minimal.yaml", MINIMAL);

        assertEquals(List.of("anonymous", "alice"), suite.columns());
        Check check = suite.checks().getFirst();
        assertEquals("GET", check.request().method());
        assertEquals("/protected", check.request().path());
        assertEquals(StatusSet.of(401), check.expectedFor("anonymous").orElseThrow());
        assertEquals(StatusSet.of(200), check.expectedFor("alice").orElseThrow());
        assertEquals(4, suite.parallelism());
    }

    @Test
    void theBuiltInSuiteCoversEveryIdentityTheIssueNames() {
        Suite suite = SuiteParser.builtin();

        assertTrue(suite.columns().containsAll(List.of("anonymous", "alice", "bob", "sam", "mia", "root", "expired",
                "tampered", "alg-none", "other-key", "narrowed", "alice-browser", "alice-session")),
                suite.columns()::toString);
        assertTrue(suite.checks().size() >= 40, "every route of the contract");
        assertEquals(6, suite.replays().size());
        assertTrue(suite.identities().stream().anyMatch(i -> i instanceof SuiteIdentity.AuthorizationCode));
        assertTrue(suite.identities().stream().anyMatch(i -> i instanceof SuiteIdentity.Session));
        assertEquals(StatusSet.of(401), suite.checks().get(1).expectedFor("expired").orElseThrow());
    }

    @Test
    void aReplayMayTakeItsSessionFromTheDevMintWithoutAPassword() throws SuiteException {
        Suite suite = SuiteParser.parse("replays.yaml", MINIMAL + """
                replays:
                  - {event: logout, session: dev-mint, login: {username: alice}}
                  - {event: refresh, login: {username: bob, password: pw}}
                """);

        assertEquals(Replay.Session.DEV_MINT, suite.replays().get(0).session());
        assertEquals(Replay.Session.PASSWORD_GRANT, suite.replays().get(1).session());
        assertTrue(SuiteParser.builtin().replays().stream()
                        .filter(r -> r.event() != Replay.Event.AUTHORIZATION_CODE && r.event() != Replay.Event.SESSION)
                        .allMatch(r -> r.session() == Replay.Session.DEV_MINT),
                "the built-in suite spends nothing of the token endpoint's limit on the sessions it revokes");
        assertTrue(problems(MINIMAL + "replays:\n  - {event: logout, login: {username: alice}}\n").stream()
                .anyMatch(p -> p.contains("password")), "the password grant needs the password");
        assertTrue(problems(MINIMAL + "replays:\n  - {event: logout, session: sso, login: {username: a}}\n")
                .stream().anyMatch(p -> p.contains("use password-grant or dev-mint")));
    }

    @Test
    void teardownStepsGoThroughWhatChecksCollect() throws SuiteException {
        Suite suite = SuiteParser.parse("teardown.yaml", """
                name: teardown
                identities:
                  alice: {login: {username: alice, password: pw}}
                checks:
                  - name: create
                    request: {method: POST, path: /v1/posts, json: {title: t}}
                    expect: {default: 401, alice: 201}
                    collect: {posts: /id}
                teardown:
                  - {for_each: posts, as: collector, request: "DELETE /v1/posts/${item}", expect: [204, 404]}
                """);

        assertEquals(java.util.Map.of("posts", "/id"), suite.checks().getFirst().collect());
        assertEquals("posts", suite.teardown().getFirst().forEach());
        assertEquals(Step.COLLECTOR, suite.teardown().getFirst().as());

        List<String> problems = problems(MINIMAL + """
                teardown:
                  - {for_each: nothing, request: "DELETE /x/${item}"}
                  - {as: collector, request: "DELETE /x/${item}"}
                """);
        assertTrue(problems.stream().anyMatch(p -> p.contains("no check or step collects 'nothing'")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("as: collector acts as whoever collected")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("item")), "${item} only with for_each: " + problems);
    }

    @Test
    void brokenYamlNamesLineAndColumn() {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse("bad.yaml", """
                name: broken
                checks:
                  - name: x
                    request: [unclosed
                """));

        SuiteProblem problem = e.problems().getFirst();
        assertEquals("bad.yaml", problem.source());
        assertTrue(problem.line() >= 4, problem::toString);
        assertTrue(problem.message().startsWith("not valid YAML"), problem::toString);
    }

    @Test
    void anUnknownIdentityInAnExpectationIsReportedWhereItIs() {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse("typo.yaml",
                MINIMAL.replace("alice: 200", "alise: 200")));

        SuiteProblem problem = e.problems().stream().filter(p -> p.message().contains("alise")).findFirst()
                .orElseThrow();
        assertEquals(7, problem.line(), problem::toString);
        assertTrue(problem.column() > 1);
        assertTrue(problem.message().contains("known: anonymous, alice"), problem.message());
        assertTrue(e.getMessage().startsWith("typo.yaml:7:"), e.getMessage());
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse("many.yaml", """
                name: many
                parallelism: 0
                colour: blue
                identities:
                  x: {derive: {from: nobody, kind: tampered}}
                checks:
                  - request: GET /a/${nope}
                  - name: second
                    request: FETCH
                    expect: 999
                """));

        List<String> messages = e.problems().stream().map(SuiteProblem::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("parallelism")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown key 'colour'")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("derive from an identity defined above")),
                messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown variable ${nope}")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("needs expect")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("\"METHOD /path\"")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("HTTP status")), messages::toString);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0), e::getMessage);
    }

    @Test
    void capturesOfSetupStepsAndGroupsCanBeUsedLater() throws SuiteException {
        Suite suite = SuiteParser.parse("captures.yaml", """
                name: captures
                identities:
                  alice: {mint: {username: alice, expires_in: 60}}
                  expired: {mint: {username: alice, expires_in: -60}}
                groups:
                  refused: [anonymous, expired]
                setup:
                  - as: alice
                    request: {method: POST, path: /v1/posts, json: {title: t, content: c}}
                    capture: {post_id: /id}
                checks:
                  - request: GET /v1/posts/${post_id}
                    expect: {default: 200, refused: 404, anonymous: 200}
                """);

        Check check = suite.checks().getFirst();
        assertEquals("GET /v1/posts/${post_id}", check.name());
        assertEquals(StatusSet.of(200), check.expectedFor("anonymous").orElseThrow(), "the identity beats its group");
        assertEquals(StatusSet.of(404), check.expectedFor("expired").orElseThrow());
        assertInstanceOf(RequestSpec.Body.Json.class, suite.setup().getFirst().request().body());
    }

    @Test
    void aSuiteThatIsNotAMappingIsRefused() {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse("list.yaml", "- 1\n- 2\n"));
        assertTrue(e.getMessage().contains("a suite is a YAML mapping"));
    }

    private static Suite parse(String yaml, java.util.Map<String, String> env) throws SuiteException {
        return SuiteParser.parse("any.yaml", yaml, SuiteEnvironment.of(env, java.nio.file.Path.of(".")));
    }

    private static List<String> problems(String yaml) {
        SuiteException e = assertThrows(SuiteException.class, () -> parse(yaml, java.util.Map.of()));
        return e.problems().stream().map(SuiteProblem::toString).toList();
    }

    @Test
    void browserLoginAndSessionIdentitiesAreReadWithTheirDefaultsAndWritten() throws SuiteException {
        Suite suite = SuiteParser.parse("browser.yaml", """
                name: browser
                auth: {authorization_endpoint: /oauth/authorize}
                identities:
                  web: {authorization_code: {client_id: spa, username: alice, password: pw, totp_secret: JBSWY3DP}}
                  cookie: {session: {username: alice, password: pw}}
                  django: {session: {username: alice, password: pw, endpoint: /accounts/login/, format: form,
                           csrf: "cookie:csrftoken", csrf_header: X-CSRFToken}}
                  legacy: {login: {username: alice, password: pw}, session: cookie}
                checks:
                  - {name: me, request: GET /me, expect: 200}
                replays:
                  - {name: code, event: authorization-code, by: web}
                  - {name: session, event: session, login: {username: bob, password: pw}}
                """);

        SuiteIdentity.AuthorizationCode web = (SuiteIdentity.AuthorizationCode) suite.identities().get(0);
        assertEquals(SuiteIdentity.AuthorizationCode.DEFAULT_REDIRECT, web.redirectUri());
        assertEquals("JBSWY3DP", web.totpSecret());
        SuiteIdentity.Session cookie = (SuiteIdentity.Session) suite.identities().get(1);
        assertEquals("/v1/auth/session", cookie.endpoint());
        assertEquals("/csrf_token", cookie.csrf());
        assertEquals("X-CSRF-Token", cookie.csrfHeader());
        SuiteIdentity.Session django = (SuiteIdentity.Session) suite.identities().get(2);
        assertTrue(django.form());
        assertEquals("cookie:csrftoken", django.csrf());
        assertTrue(((SuiteIdentity.Login) suite.identities().get(3)).cookieSession());
        assertEquals(java.util.Optional.of("/oauth/authorize"), suite.auth().authorizationEndpoint());
        assertEquals("web", suite.replays().getFirst().by());
        assertEquals("{session={username=alice, password=pw, endpoint=/accounts/login/, format=form, "
                + "csrf=cookie:csrftoken, csrf_header=X-CSRFToken}}",
                Json.mapper().convertValue(SuiteWriter.identity(django), java.util.Map.class).toString());
    }

    @Test
    void browserLoginAndSessionMistakesAreNamed() {
        List<String> problems = problems("""
                name: mistakes
                identities:
                  web: {authorization_code: {username: alice, password: pw, redirect_uri: "not a uri"}}
                  cookie: {session: {username: alice, csrf: "somewhere", format: xml}}
                checks:
                  - {name: me, request: GET /me, expect: 200}
                replays:
                  - {event: authorization-code, by: cookie}
                  - {event: session}
                """);

        for (String expected : List.of("client_id", "redirect_uri is an absolute URI", "password",
                "csrf says where the CSRF token is", "format is json (the default) or form",
                "by names an authorization_code identity", "a session replay needs login")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), expected + " in " + problems);
        }
    }

    @Test
    void everyIdentityKindAndTheAuthSectionAreRead() throws SuiteException {
        Suite suite = parse("""
                name: any API
                auth:
                  token_endpoint: /token
                  keys:
                    server: {secret: "${env:JWT_SECRET}"}
                identities:
                  alice: {login: {username: alice, password: "${env:ALICE_PASSWORD}", scope: me}, session: cookie}
                  service: {client_credentials: {client_id: svc, client_secret: s3cr3t-value, client_auth: form}}
                  resumed: {refresh_token: r-123}
                  keyed: {api_key: {query: api_key, value: k-123}}
                  basic: {basic: {username: bob, password: builder}}
                  signed: {sign: {key: server, from: alice, claims: {scopes: [me, admin], email: null}, expires_in: -60}}
                  old: {derive: {from: alice, kind: expired, key: server}}
                  widened: {derive: {from: alice, kind: claims, set: {admin: true}, remove: [aud]}}
                  weak: {derive: {from: alice, kind: weak-secret}}
                checks:
                  - name: me
                    request: GET /users/me
                    expect: 200
                    repeat: {count: 5, expect_last: {default: 429, anonymous: 401}}
                    assert:
                      - {claim: /scopes, contains: me}
                      - {claim: /admin, absent: true}
                """, java.util.Map.of("JWT_SECRET", "a-secret", "ALICE_PASSWORD", "pw"));

        assertEquals(java.util.Optional.of("/token"), suite.auth().tokenEndpoint());
        assertTrue(suite.auth().keys().containsKey("server"));
        SuiteIdentity.Login alice = assertInstanceOf(SuiteIdentity.Login.class, suite.identities().getFirst());
        assertTrue(alice.cookieSession());
        assertEquals("${env:ALICE_PASSWORD}", alice.password(), "references are filled when the identity is obtained");
        assertEquals(SuiteIdentity.ClientAuth.FORM,
                assertInstanceOf(SuiteIdentity.ClientCredentials.class, suite.identities().get(1)).clientAuth());
        assertEquals(SuiteIdentity.Placement.QUERY,
                assertInstanceOf(SuiteIdentity.ApiKey.class, suite.identities().get(3)).placement());
        SuiteIdentity.Signed signed = assertInstanceOf(SuiteIdentity.Signed.class, suite.identities().get(5));
        assertEquals(-60L, signed.expiresIn());
        assertEquals(List.of("aud"), ((SuiteIdentity.Derived) suite.identities().get(7)).remove());
        Check me = suite.checks().getFirst();
        assertEquals(5, me.repeat().count());
        assertEquals(StatusSet.of(401), me.repeat().expectLast().get("anonymous"));
        assertEquals(new Assertion.Condition.Contains(com.fasterxml.jackson.databind.node.TextNode.valueOf("me"), true),
                me.assertions().getFirst().condition());
        assertFalse(suite.toString().contains("s3cr3t-value"), "toString never shows a secret");
    }

    @Test
    void missingKeysUnsetVariablesAndMisplacedFieldsAreNamedWithTheirLines() {
        List<String> problems = problems("""
                name: broken
                auth:
                  keys:
                    server: {secret: "${env:NOT_SET_ANYWHERE}"}
                identities:
                  alice: {login: {username: alice, password: pw}}
                  old: {derive: {from: alice, kind: resign}}
                  signed: {sign: {key: nope, claims: {sub: x}}}
                  bad: {api_key: {header: X-Key, query: k, value: v}}
                  cookie: {token: abc, session: cookie}
                checks:
                  - name: me
                    request: GET /me
                    expect: 200
                    repeat: {count: 1, expect_last: 429}
                """);

        String all = String.join("\n", problems);
        assertTrue(all.contains("any.yaml:4:") && all.contains("NOT_SET_ANYWHERE is not set"), all);
        assertTrue(all.contains("any.yaml:7:") && all.contains("re-signs the token"), all);
        assertTrue(all.contains("no key called 'nope' under auth.keys"), all);
        assertTrue(all.contains("exactly one of header or query"), all);
        assertTrue(all.contains("session: cookie goes with a login identity"), all);
        assertTrue(all.contains("count is a whole number from 2"), all);
    }

    @Test
    void aCustomLoginMustBeGivenWhatItsRequestUses() {
        List<String> problems = problems("""
                name: custom
                auth:
                  login:
                    request: {method: POST, path: /auth/login, json: {email: "${email}", password: "${password}"}}
                    token: /access
                identities:
                  alice: {login: {username: alice, password: pw}}
                checks:
                  - {name: me, request: GET /me, expect: 200}
                """);

        assertTrue(problems.stream().anyMatch(p -> p.contains("uses ${email}, which this login does not give")),
                problems::toString);
    }
}
