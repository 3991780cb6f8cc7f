package io.tokenworkbench.client.cli;

import io.tokenworkbench.client.checks.suite.Check;
import io.tokenworkbench.client.checks.suite.StatusSet;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.foreign.ForeignApi;
import io.tokenworkbench.client.foreign.ForeignApi.Flaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headless commands on an API that is not ours: the docs' FastAPI-tutorial suite with {@code check}, and
 * {@code discover} on the FastAPI-generated OpenAPI document.
 */
class ForeignApiCommandsHttpTest {

    private static final String SECRET = "k9f3Qm2vXw8LrT5zB1nH7cJ4pY6sD0aE";
    private static final Path EXAMPLE = Path.of("../docs/examples/fastapi-tutorial.yaml");
    private static final Map<String, String> ENV = Map.of("JWT_SECRET", SECRET);

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {
    }

    private static Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ENV, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run discover(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DiscoverCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ENV, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDocsSuitePassesOnASoundServerAndPrintsTheMatrix() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(SECRET)) {
            Run run = check("--server", server.baseUrl(), "--suite", EXAMPLE.toString());

            assertEquals(CheckCommand.PASSED, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("who am I"), run.out());
            assertTrue(run.out().contains("weak-secret: "), "the attacks are named: " + run.out());
            assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), "the key stays secret");
            assertFalse(run.out().contains("wonderland"), "passwords stay secret");
        }
    }

    @Test
    void aPlantedBugExitsOneNamingTheCell() throws Exception {
        try (ForeignApi ownership = ForeignApi.hs256(SECRET, Flaw.ANY_USER_DELETES);
             ForeignApi algNone = ForeignApi.hs256(SECRET, Flaw.ALG_NONE)) {
            Run deletes = check("--server", ownership.baseUrl(), "--suite", EXAMPLE.toString(), "--quiet");
            Run unsigned = check("--server", algNone.baseUrl(), "--suite", EXAMPLE.toString(), "--quiet");

            assertEquals(CheckCommand.FAILED, deletes.exit(), deletes.out());
            assertTrue(deletes.out().contains("FAIL  only the owner deletes a post as johndoe: expected 403, got 204"),
                    deletes.out());
            assertEquals(CheckCommand.FAILED, unsigned.exit(), unsigned.out());
            assertTrue(unsigned.out().contains("FAIL  who am I as none: none-variants: alg none: expected 401, got 200"),
                    unsigned.out());
        }
    }

    @Test
    void anUnsetSecretIsRefusedBeforeTheRun() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of(), "--server", "http://127.0.0.1:9", "--suite", EXAMPLE.toString());

        assertEquals(CheckCommand.UNUSABLE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the environment variable JWT_SECRET is not set"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBaselineOfAnotherSuiteIsRefused() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(SECRET)) {
            Path baseline = work.resolve("other.json");
            Path other = Files.writeString(work.resolve("other.yaml"), """
                    name: another API
                    checks:
                      - {name: status, request: GET /status/, expect: 200}
                    """);
            assertEquals(CheckCommand.PASSED, check("--server", server.baseUrl(), "--suite", other.toString(),
                    "--save-baseline", baseline.toString()).exit());

            Run run = check("--server", server.baseUrl(), "--suite", EXAMPLE.toString(), "--baseline",
                    baseline.toString());

            assertEquals(CheckCommand.UNUSABLE, run.exit(), run.err());
            assertTrue(run.err().contains("belongs to another suite") && run.err().contains("'another API'"),
                    run.err());
        }
    }

    private static final String IDENTITIES = """
            name: FastAPI identities
            identities:
              johndoe: {login: {username: johndoe, password: secret, scope: "me items"}}
              alice: {login: {username: alice, password: wonderland, scope: me}}
              none: {derive: {from: johndoe, kind: none-variants}}
            checks:
              - {name: placeholder, request: GET /status/, expect: 200}
            """;

    @Test
    void discoveryReadsTheFastApiDocumentPredictsEveryCellAndAgreesWithTheServer() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(SECRET)) {
            Path identities = Files.writeString(work.resolve("identities.yaml"), IDENTITIES);
            Path out = work.resolve("discovered.yaml");

            Run run = discover("--server", server.baseUrl(), "--identities", identities.toString(), "--out",
                    out.toString());

            assertEquals(CheckCommand.PASSED, run.exit(), run.err());
            assertTrue(run.err().contains("Read the OpenAPI document at /openapi.json"), run.err());
            Suite suite = SuiteParser.parse(out);
            assertEquals(java.util.Optional.of("/token"), suite.auth().tokenEndpoint(), "from the password flow");
            Check items = suite.checks().stream().filter(c -> c.name().startsWith("GET /users/me/items/"))
                    .findFirst().orElseThrow();
            assertEquals(StatusSet.of(401), items.expectedFor("anonymous").orElseThrow());
            assertEquals(StatusSet.of(200), items.expectedFor("johndoe").orElseThrow());
            assertEquals(StatusSet.of(403), items.expectedFor("alice").orElseThrow(), "alice lacks the items scope");
            assertEquals(StatusSet.of(401), items.expectedFor("none").orElseThrow());
            Check status = suite.checks().stream().filter(c -> c.name().startsWith("GET /status/")).findFirst()
                    .orElseThrow();
            assertEquals(StatusSet.of(200), status.expectedFor("anonymous").orElseThrow(), "no security: public");
            assertTrue(Files.readString(out).contains("#   POST /token"), "the login is left out: it is a POST");

            Run predicted = discover("--server", server.baseUrl(), "--identities", identities.toString(),
                    "--no-observe");
            assertEquals(CheckCommand.PASSED, predicted.exit(), predicted.err());
            Path documented = Files.writeString(work.resolve("documented.yaml"), predicted.out());
            Run checked = check("--server", server.baseUrl(), "--suite", documented.toString());
            assertEquals(CheckCommand.PASSED, checked.exit(), "the document's predictions hold: " + checked.out());
        }
    }

    @Test
    void anIdentityThatCannotBeObtainedMakesDiscoveryExitTwoSayingWhy() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(SECRET)) {
            Path identities = Files.writeString(work.resolve("identities.yaml"),
                    IDENTITIES.replace("password: wonderland", "password: wrong"));

            Run run = discover("--server", server.baseUrl(), "--identities", identities.toString());

            assertEquals(CheckCommand.UNUSABLE, run.exit());
            assertTrue(run.err().contains("'alice': logging in as alice answered 400"), run.err());
        }
    }

    @Test
    void allowedOperationsThatChangeDataCreateTheirOwnResourceFirst() throws Exception {
        try (ForeignApi server = ForeignApi.hs256(SECRET)) {
            Path identities = Files.writeString(work.resolve("identities.yaml"), IDENTITIES);
            Path out = work.resolve("discovered.yaml");

            Run run = discover("--server", server.baseUrl(), "--identities", identities.toString(), "--out",
                    out.toString(), "--include-unsafe");

            Suite suite = SuiteParser.parse(out);
            Check delete = suite.checks().stream().filter(c -> c.name().startsWith("DELETE /posts/{post_id}"))
                    .findFirst().orElseThrow();
            assertEquals("/posts/${created_id}", delete.request().path());
            assertEquals("johndoe", delete.beforeEach().getFirst().as(), "the first identity allowed to create one");
            assertEquals(StatusSet.of(204), delete.expectedFor("johndoe").orElseThrow(), "observed: the owner deletes");
            assertEquals(StatusSet.of(403), delete.expectedFor("alice").orElseThrow(), "observed: others may not");
            assertTrue(run.err().contains("DISAGREE  DELETE /posts/{post_id}") && run.err().contains("as alice"),
                    "the document cannot say who owns what, so it and the server disagree on alice: " + run.err());
            assertEquals(CheckCommand.PASSED, check("--server", server.baseUrl(), "--suite", out.toString()).exit(),
                    "the discovered suite runs again, each cell with a post of its own");
        }
    }
}
