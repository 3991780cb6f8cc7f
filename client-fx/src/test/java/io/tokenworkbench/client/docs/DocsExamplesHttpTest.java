package io.tokenworkbench.client.docs;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteEnvironment;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.foreign.ForeignApi;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every suite written out in the docs runs as written: ours against a dev backend, the others on foreign APIs. */
class DocsExamplesHttpTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\\n(name: .*?)```");
    private static final String SECRET = "k9f3Qm2vXw8LrT5zB1nH7cJ4pY6sD0aE";
    private static final Map<String, String> ENV = Map.of("ALICE_PASSWORD", "wonderland", "JWT_SECRET", SECRET);
    private static final ApiClient API = ApiClient.create();

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private static List<Suite> suitesIn(String doc) throws Exception {
        Matcher m = YAML_BLOCK.matcher(Files.readString(Path.of("../docs").resolve(doc)));
        List<Suite> suites = new ArrayList<>();
        while (m.find()) {
            suites.add(SuiteParser.parse(doc, m.group(1), SuiteEnvironment.of(ENV, Path.of("../docs"))));
        }
        assertFalse(suites.isEmpty(), doc + " has suites");
        return suites;
    }

    private static RunResult run(Suite suite, String server) {
        return new CheckEngine(API, Clock.systemUTC()).run(suite, server, CheckEngine.RunOptions.defaults(),
                RunListener.NONE, new RunControl());
    }

    private static String failures(RunResult result) {
        return result.cells().filter(c -> c.outcome() != Outcome.PASS)
                .map(c -> c.row() + " as " + c.column() + ": " + c.reason()).collect(Collectors.joining("\n"))
                + "\n" + String.join("\n", result.notes());
    }

    @Test
    void theSuiteOfTheAccessChecksPageRunsAgainstOurBackend() throws Exception {
        for (Suite suite : suitesIn("access-checks.md")) {
            RunResult result = run(suite, backend.baseUrl());
            assertTrue(result.passed(), () -> suite.name() + ":\n" + failures(result));
        }
    }

    @Test
    void theSuitesOfTestingAnyApiRunAgainstForeignApis() throws Exception {
        for (Suite suite : suitesIn("any-api.md")) {
            try (ForeignApi server = suite.name().contains("RS256") ? ForeignApi.rs256() : ForeignApi.hs256(SECRET)) {
                RunResult result = run(suite, server.baseUrl());
                assertTrue(result.passed(), () -> suite.name() + ":\n" + failures(result));
            }
        }
    }
}
