package io.tokenworkbench.client.checks.report;

import io.tokenworkbench.client.checks.baseline.Baseline;
import io.tokenworkbench.client.checks.baseline.BaselineComparison;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Exchange;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.suite.StatusSet;
import io.tokenworkbench.client.http.HttpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reports and baselines on a run made by hand: every format, escaping, and how changes are classified. */
class ReportsTest {

    @TempDir
    Path work;

    private static CellResult cell(String row, String column, int expected, int actual, Outcome outcome, String reason) {
        Exchange exchange = new Exchange("GET", "http://localhost/x", List.of(new HttpHeader("Authorization",
                "Bearer eyJhbGciOi…(redacted)")), "", actual, List.of(), "{\"detail\":\"<b>no</b>\"}", 3, "");
        return new CellResult(row, column, StatusSet.of(expected), actual, outcome, reason, exchange);
    }

    private static RunResult run(int aliceAdmin) {
        Map<String, CellResult> first = new LinkedHashMap<>();
        first.put("anonymous", cell("<script>alert(1)</script> | admin", "anonymous", 401, 401, Outcome.PASS, ""));
        first.put("alice", cell("<script>alert(1)</script> | admin", "alice", 403, aliceAdmin,
                aliceAdmin == 403 ? Outcome.PASS : Outcome.FAIL,
                aliceAdmin == 403 ? "" : "expected 403, got " + aliceAdmin));
        Map<String, CellResult> second = new LinkedHashMap<>();
        second.put("anonymous", new CellResult("ping", "anonymous", StatusSet.of(200), 0, Outcome.ERROR,
                "Connection refused by localhost:1", null));
        return new RunResult("suite & co", "f1ngerpr1nt", "http://localhost", Instant.parse("2026-11-22T10:00:00Z"),
                Duration.ofMillis(1500), List.of("anonymous", "alice"),
                List.of(new RowResult("<script>alert(1)</script> | admin", "GET /x", false, first),
                        new RowResult("ping", "GET /ping", false, second)), List.of("a note"), false);
    }

    @Test
    void junitXmlHasOneCasePerCellWithFailuresAndErrors() throws Exception {
        String xml = JunitXmlReport.render(run(200));

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, document.getElementsByTagName("testcase").getLength());
        assertEquals(1, document.getElementsByTagName("failure").getLength());
        assertEquals(1, document.getElementsByTagName("error").getLength());
        assertEquals("expected 403, got 200", document.getElementsByTagName("failure").item(0).getAttributes()
                .getNamedItem("message").getNodeValue());
    }

    @Test
    void htmlEscapesEverythingAndMarksChangesSinceTheBaseline() {
        BaselineComparison comparison = BaselineComparison.compare(Baseline.of(run(403)), run(200));

        String html = HtmlReport.render(run(200), Optional.of(comparison));

        assertFalse(html.contains("<script>"), "names are escaped");
        assertTrue(html.contains("&lt;script&gt;"));
        assertTrue(html.contains("class=\"fail opened\""), html);
        assertTrue(html.contains("class=\"error\""));
        assertTrue(html.contains("1 cell changed since the baseline"));
    }

    @Test
    void markdownAndTextShowEveryCellAndTheReasons() {
        String markdown = MarkdownReport.render(run(200));
        assertTrue(markdown.contains("\\| admin"), "pipes in names are escaped");
        assertTrue(markdown.contains("❌ 200 (want 403)"));
        assertTrue(markdown.contains("⚠️ error"));

        String text = TextMatrix.render(run(200));
        assertTrue(text.contains("!200"), text);
        assertTrue(text.contains("ERR"));
        assertTrue(text.contains("FAIL  <script>alert(1)</script> | admin as alice: expected 403, got 200"));
        assertTrue(text.contains("3 cells: 1 passed, 1 failed, 1 errors"), text);
    }

    @Test
    void aSavedRunLoadsBackAsABaseline() throws Exception {
        Path file = work.resolve("runs/baseline.json");
        Baseline.save(run(403), file);

        Baseline loaded = Baseline.load(file);

        assertEquals(Optional.of(403), loaded.status("<script>alert(1)</script> | admin", "alice"));
        assertEquals(Optional.of(0), loaded.status("ping", "anonymous"));
        Files.writeString(file, "{\"format\": \"something-else\"}");
        assertThrows(java.io.IOException.class, () -> Baseline.load(file));
        Files.writeString(file, "not json");
        assertThrows(java.io.IOException.class, () -> Baseline.load(file));
    }

    @Test
    void changesAreClassifiedByWhatTheyDoToAccess() {
        assertEquals(CellChange.Kind.OPENED, kind(403, 200));
        assertEquals(CellChange.Kind.OPENED, kind(401, 204));
        assertEquals(CellChange.Kind.OPENED, kind(404, 200));
        assertEquals(CellChange.Kind.CLOSED, kind(200, 403));
        assertEquals(CellChange.Kind.CLOSED, kind(201, 401));
        assertEquals(CellChange.Kind.CHANGED, kind(401, 403));
        assertEquals(CellChange.Kind.CHANGED, kind(200, 500));
        assertEquals(CellChange.Kind.OPENED, kind(0, 200), "no answer before hid what is open now");
    }

    @Test
    void aBaselineOfAnotherSuiteIsRefusedSayingWhose() {
        RunResult ours = run(403);
        RunResult theirs = new RunResult("another suite", "0ther", ours.server(), ours.startedAt(), ours.duration(),
                ours.columns(), List.of(new RowResult("something else", "GET /else", false, Map.of())),
                List.of(), false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaselineComparison.compare(Baseline.of(theirs), ours));
        assertTrue(e.getMessage().contains("'another suite'"), e.getMessage());
        assertTrue(Baseline.of(ours).mismatch(ours).isEmpty());
    }

    private static CellChange.Kind kind(int before, int after) {
        return BaselineComparison.compare(Baseline.of(run(before)), run(after)).changes().getFirst().kind();
    }
}
