package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in suite against a real dev-mode backend with its rate limits on, as the demo runs it. */
class BuiltinSuiteHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withRateLimits();
    private static final ApiClient API = ApiClient.create();
    private final CheckEngine engine = new CheckEngine(API, Clock.systemUTC());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    @Test
    void theBuiltInSuitePassesAgainstOurBackend() {
        List<Integer> progress = new CopyOnWriteArrayList<>();
        List<Integer> total = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        RunResult result = engine.run(SuiteParser.builtin(), backend.baseUrl(), CheckEngine.RunOptions.defaults(),
                new RunListener() {
                    @Override
                    public void started(int totalCells) {
                        total.add(totalCells);
                    }

                    @Override
                    public void cellDone(CellResult cell, int done) {
                        progress.add(done);
                    }

                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                }, new RunControl());

        assertTrue(result.passed(), () -> CheckEngineHttpTest.failures(result));
        assertTrue(result.notes().isEmpty(), result.notes()::toString);
        long cells = result.cells().count();
        assertTrue(cells > 400, "every route × every identity: " + cells);
        assertEquals(total.getFirst().longValue(), cells);
        assertEquals(cells, progress.stream().mapToInt(Integer::intValue).max().orElse(0));
        assertTrue(result.rows().stream().filter(RowResult::replay).count() >= 18, "replay rows");
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("Rate limited")), messages::toString);
        for (String row : List.of("browser login: a code with another code_verifier",
                "browser login: the code exchanged a second time", "browser login: an unregistered redirect URI",
                "browser login: no PKCE challenge", "browser login: code_challenge_method plain",
                "cookie session: an unsafe request without the CSRF token", "cookie session: the same request with it",
                "cookie session: the session after logout", "password reset: cookie session after the reset")) {
            assertTrue(result.rows().stream().anyMatch(r -> r.name().equals(row)), row);
        }
        RowResult createPost = result.rows().stream().filter(r -> r.request().equals("POST /v1/posts"))
                .findFirst().orElseThrow();
        CellResult bySession = createPost.cell("alice-session").orElseThrow();
        assertEquals(201, bySession.actual(), "a session's unsafe request carries its CSRF token");
        assertTrue(bySession.exchange().requestHeaders().stream().anyMatch(h -> h.isNamed("X-CSRF-Token")
                && h.value().endsWith("(redacted)")), "the CSRF token is sent, and recorded redacted");
        assertEquals(201, createPost.cell("alice-browser").orElseThrow().actual());
        CellResult aliceAdmin = result.rows().stream().filter(r -> r.request().equals("GET /v1/admin/users"))
                .findFirst().orElseThrow().cell("alice").orElseThrow();
        assertEquals(403, aliceAdmin.actual());
        assertTrue(aliceAdmin.exchange().requestHeaders().stream()
                .anyMatch(h -> h.value().endsWith("…(redacted)")), "the token is recorded redacted");
    }
}
