package io.tokenworkbench.client.cli;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.SampleSuites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headless {@code check} command against a real backend: exit codes, reports, baselines. */
class CheckCommandHttpTest {

    @TempDir
    Path work;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();

    private static final String SMALL_SUITE = SampleSuites.SMALL;

    private record Run(int exit, String out, String err) {
    }

    private Run check(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path suite(String name, String yaml) throws Exception {
        return Files.writeString(work.resolve(name), yaml);
    }

    @Test
    void theBuiltInSuitePassesExitsZeroAndWritesEveryReport() throws Exception {
        Path junit = work.resolve("reports/junit.xml");
        Path html = work.resolve("reports/matrix.html");
        Path json = work.resolve("reports/run.json");
        Path markdown = work.resolve("reports/matrix.md");

        Run run = check("--server", backend.baseUrl(), "--suite", "builtin", "--report-junit", junit.toString(),
                "--report-html", html.toString(), "--report-json", json.toString(),
                "--report-markdown", markdown.toString());

        assertEquals(CheckCommand.PASSED, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("protected resource"), run.out());
        assertTrue(run.out().contains("0 failed, 0 errors"), run.out());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        int cases = xml.getElementsByTagName("testcase").getLength();
        assertTrue(cases > 400, "one test case per cell: " + cases);
        assertEquals(String.valueOf(cases), xml.getDocumentElement().getElementsByTagName("testsuite").item(0)
                .getAttributes().getNamedItem("tests").getNodeValue());
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("class=\"pass\""), page.substring(0, 200));
        assertTrue(Files.readString(json).contains("\"format\" : \"token-workbench-run/1\""));
        assertTrue(Files.readString(markdown).contains("| protected resource |"));
        for (Path report : List.of(junit, html, json, markdown)) {
            String text = Files.readString(report);
            assertFalse(text.contains("alice-password-1"), report + " leaks a password");
            assertFalse(text.matches("(?s).*eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}\\..*"), report + " leaks a token");
        }
    }

    @Test
    void aFailingCellExitsOneAndIsAFailureInJunitXml() throws Exception {
        Path file = suite("wrong.yaml", SMALL_SUITE.replace("root: 200}", "root: 200, alice: 200}"));
        Path junit = work.resolve("junit.xml");

        Run run = check("--server", backend.baseUrl(), "--suite", file.toString(), "--report-junit", junit.toString());

        assertEquals(CheckCommand.FAILED, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  admin users as alice: expected 200, got 403"), run.out());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(6, xml.getElementsByTagName("testcase").getLength());
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void aMalformedSuiteExitsTwoNamingLineAndColumn() throws Exception {
        Path file = suite("broken.yaml", SMALL_SUITE.replace("root: 200", "rooot: 200"));

        Run run = check("--server", backend.baseUrl(), "--suite", file.toString());

        assertEquals(CheckCommand.UNUSABLE, run.exit());
        assertTrue(run.err().contains("broken.yaml:11:44:"), run.err());
        assertTrue(run.err().contains("no identity called 'rooot'"), run.err());
    }

    @Test
    void anUnreachableServerOrAMissingFileExitsTwo() {
        Run down = check("--server", "http://127.0.0.1:9", "--suite", "builtin");
        assertEquals(CheckCommand.UNUSABLE, down.exit());
        assertTrue(down.err().contains("The server cannot be used: Connection refused"), down.err());

        Run missing = check("--server", backend.baseUrl(), "--suite", work.resolve("nope.yaml").toString());
        assertEquals(CheckCommand.UNUSABLE, missing.exit());
        assertTrue(missing.err().contains("cannot read the file"), missing.err());

        assertEquals(CheckCommand.UNUSABLE, check("--suite").exit(), "usage errors exit 2 too");
    }

    @Test
    void aBaselineShowsChangesAndAccessThatOpenedFailsTheRun() throws Exception {
        Path file = suite("small.yaml", SMALL_SUITE);
        Path baseline = work.resolve("baseline.json");
        Run first = check("--server", backend.baseUrl(), "--suite", file.toString(), "--save-baseline",
                baseline.toString());
        assertEquals(CheckCommand.PASSED, first.exit(), first.err());

        Run same = check("--server", backend.baseUrl(), "--suite", file.toString(), "--baseline", baseline.toString());
        assertEquals(CheckCommand.PASSED, same.exit());
        assertTrue(same.out().contains("No cell changed since the baseline"), same.out());

        String saved = Files.readString(baseline);
        String edited = saved.replaceFirst("(\"alice\" : \\{\\s*\"expected\" : \\[ 200 \\],\\s*\"actual\" : )200",
                "$1403");
        assertFalse(edited.equals(saved), "the baseline's alice cell of the first row was edited");
        Files.writeString(baseline, edited);

        Run opened = check("--server", backend.baseUrl(), "--suite", file.toString(), "--baseline", baseline.toString());
        assertEquals(CheckCommand.FAILED, opened.exit(), "access that opened since the baseline fails the run");
        assertTrue(opened.out().contains("OPENED  protected as alice: 403 → 200"), opened.out());
    }

    @Test
    void theJarRunsChecksWithoutJavaFxOnTheClassPath() throws Exception {
        Path file = suite("small.yaml", SMALL_SUITE);
        List<String> fullClassPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> withoutJavaFx = fullClassPath.stream()
                .filter(entry -> !entry.contains("javafx") && !entry.contains("testfx") && !entry.contains("monocle"))
                .toList();
        assertTrue(fullClassPath.stream().anyMatch(entry -> entry.contains("javafx-graphics"))
                && withoutJavaFx.stream().noneMatch(entry -> entry.contains("javafx")), "JavaFX really is left out");
        String classPath = String.join(File.pathSeparator, withoutJavaFx);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "io.tokenworkbench.client.Main",
                "check", "--server", backend.baseUrl(), "--suite", file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        builder.environment().remove("DISPLAY");

        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the check command finished");

        String output = Files.readString(work.resolve("out.txt"));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("6 cells: 6 passed"), output);
    }
}
