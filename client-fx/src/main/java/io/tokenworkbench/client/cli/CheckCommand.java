package io.tokenworkbench.client.cli;

import io.tokenworkbench.client.checks.baseline.Baseline;
import io.tokenworkbench.client.checks.baseline.BaselineComparison;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.report.HtmlReport;
import io.tokenworkbench.client.checks.report.JsonReport;
import io.tokenworkbench.client.checks.report.JunitXmlReport;
import io.tokenworkbench.client.checks.report.MarkdownReport;
import io.tokenworkbench.client.checks.report.TextMatrix;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -jar client-fx.jar check --server URL --suite FILE|builtin ...}: runs a suite headless (no display, no
 * JavaFX), prints the matrix, writes the reports asked for. Exit code 0 when every cell passed (and no access opened
 * since the baseline), 1 when some did not, 2 when the suite or the server could not be used.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  token-workbench check --server http://localhost:8080 --suite builtin --report-html matrix.html",
        sortOptions = false,
        description = {"Runs a suite of access checks against a server and prints the matrix.",
                "Exit code: 0 all passed, 1 some failed (or access opened since the baseline), "
                        + "2 the suite or the server could not be used."})
public final class CheckCommand implements Callable<Integer> {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int UNUSABLE = 2;

    @Option(names = "--suite", required = true, paramLabel = "FILE|builtin",
            description = "Suite YAML file, or 'builtin' for the contract's access table.")
    String suite;

    @Option(names = "--server", paramLabel = "URL",
            description = "Base URL of the API (default: the suite's server, else http://localhost:8080).")
    String server;

    @Option(names = "--parallelism", paramLabel = "N", description = "Requests at once (default: the suite's, else 4).")
    Integer parallelism;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Write JUnit XML (one test case per cell).")
    Path junit;

    @Option(names = "--report-html", paramLabel = "FILE", description = "Write a self-contained HTML page.")
    Path html;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write JSON (also usable as a baseline).")
    Path json;

    @Option(names = "--report-markdown", paramLabel = "FILE", description = "Write a Markdown table.")
    Path markdown;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare with a saved run and show what changed.")
    Path baseline;

    @Option(names = "--save-baseline", paramLabel = "FILE", description = "Save this run as a baseline.")
    Path saveBaseline;

    @Option(names = "--quiet", description = "Print only the summary and what was not as expected.")
    boolean quiet;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Map<String, String> environment = System.getenv();

    /** Runs the command line and returns the exit code; prints to the given streams. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)}, with the suite's {@code ${env:…}} read from {@code env}. */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        CheckCommand command = new CheckCommand();
        command.out = out;
        command.err = err;
        command.environment = env;
        CommandLine commandLine = new CommandLine(command).setCommandName("token-workbench check");
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            err.println("The check run broke off: " + e);
            return UNUSABLE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        Suite parsed;
        try {
            parsed = suite.equals("builtin") ? SuiteParser.builtin() : SuiteParser.parse(Path.of(suite), environment);
        } catch (SuiteException e) {
            err.println("The suite cannot be used:");
            e.problems().forEach(p -> err.println("  " + p));
            return UNUSABLE;
        }
        Optional<Baseline> before = Optional.empty();
        if (baseline != null) {
            if (!Files.exists(baseline)) {
                err.println("The baseline " + baseline + " does not exist yet: save one first with --save-baseline "
                        + baseline);
                return UNUSABLE;
            }
            try {
                before = Optional.of(Baseline.load(baseline));
            } catch (IOException e) {
                err.println("The baseline cannot be used: " + e.getMessage());
                return UNUSABLE;
            }
            Optional<String> mismatch = before.get().mismatch(parsed.name(), parsed.fingerprint(),
                    parsed.checks().stream().map(io.tokenworkbench.client.checks.suite.Check::name).toList());
            if (mismatch.isPresent()) {
                err.println("The baseline " + baseline + " belongs to another suite: " + mismatch.get());
                return UNUSABLE;
            }
        }
        String target = server != null ? server : parsed.server().orElse("http://localhost:8080");
        ApiClient api = ApiClient.create();
        try {
            ApiRequest probe;
            try {
                probe = ApiRequest.get(target, "/");
            } catch (IllegalArgumentException e) {
                err.println("The server URL cannot be used: " + e.getMessage());
                return UNUSABLE;
            }
            if (api.send(probe) instanceof ApiResult.Failure(String reason, var elapsed)) {
                err.println("The server cannot be used: " + reason);
                return UNUSABLE;
            }
            CheckEngine.RunOptions options = CheckEngine.RunOptions.defaults();
            if (parallelism != null) {
                if (parallelism < 1 || parallelism > 64) {
                    err.println("--parallelism must be from 1 to 64");
                    return UNUSABLE;
                }
                options = options.withParallelism(parallelism);
            }
            err.println("Running " + parsed.name() + " against " + target);
            RunResult result = new CheckEngine(api, Clock.systemUTC()).run(parsed, target, options,
                    new RunListener() {
                        @Override
                        public void message(String text) {
                            err.println(text);
                        }
                    }, new RunControl());
            Optional<BaselineComparison> comparison = before.map(b -> BaselineComparison.compare(b, result));
            print(result, comparison);
            if (!writeReports(result, comparison)) {
                return UNUSABLE;
            }
            if (result.cells().count() > 0 && result.cells().allMatch(c -> c.actual() == 0)) {
                err.println("No cell got an answer from " + target);
                return UNUSABLE;
            }
            boolean opened = comparison.map(c -> c.count(CellChange.Kind.OPENED) > 0).orElse(false);
            return result.passed() && !opened ? PASSED : FAILED;
        } finally {
            api.shutdown();
        }
    }

    private void print(RunResult result, Optional<BaselineComparison> comparison) {
        if (quiet) {
            out.print(TextMatrix.problems(result).stripLeading());
            out.println(result.summary());
        } else {
            out.print(TextMatrix.render(result));
        }
        comparison.ifPresent(c -> {
            out.println(c.summary());
            c.changes().forEach(change -> out.println("  " + change.kind() + "  " + change.row() + " as "
                    + change.column() + ": " + change.transition()));
        });
    }

    private boolean writeReports(RunResult result, Optional<BaselineComparison> comparison) {
        try {
            write(junit, () -> JunitXmlReport.render(result));
            write(html, () -> HtmlReport.render(result, comparison));
            write(json, () -> JsonReport.render(result));
            write(markdown, () -> MarkdownReport.render(result));
            if (saveBaseline != null) {
                Baseline.save(result, saveBaseline);
                err.println("Saved the baseline to " + saveBaseline);
            }
            return true;
        } catch (IOException e) {
            err.println("Cannot write a report: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return false;
        }
    }

    private void write(Path file, java.util.function.Supplier<String> content) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, content.get(), StandardCharsets.UTF_8);
        err.println("Wrote " + file);
    }
}
