package io.tokenworkbench.client.checks.suite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                "tampered", "alg-none", "other-key", "narrowed")), suite.columns()::toString);
        assertTrue(suite.checks().size() >= 40, "every route of the contract");
        assertEquals(4, suite.replays().size());
        assertEquals(StatusSet.of(401), suite.checks().get(1).expectedFor("expired").orElseThrow());
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
}
