package io.tokenworkbench.client.cli;

import io.tokenworkbench.client.checks.discovery.Disagreement;
import io.tokenworkbench.client.checks.discovery.Discovery;
import io.tokenworkbench.client.checks.discovery.OpenApiDiscovery;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
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
 * {@code java -jar client-fx.jar discover --server URL [--out FILE] ...}: generates a suite from the server's
 * OpenAPI document, headless. Exit code 0 when the document and the observed answers agree, 1 when some cells
 * disagree (listed), 2 when the document, the identities or the server could not be used.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  token-workbench discover --server http://localhost:8000 --out suite.yaml",
        sortOptions = false,
        description = {"Generates a check suite of every operation in the server's OpenAPI document.",
                "Exit code: 0 the document and the server agree, 1 some cells disagree, 2 nothing could be "
                        + "generated."})
public final class DiscoverCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "Base URL of the API (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--identities", paramLabel = "FILE|builtin", defaultValue = "builtin",
            description = "A suite whose identities become the columns (default: the built-in suite's).")
    String identities;

    @Option(names = "--openapi", paramLabel = "PATH|URL",
            description = "Where the OpenAPI document is (default: the first of /openapi, /openapi.json, "
                    + "/v3/api-docs, /swagger.json that answers).")
    String document;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the suite here (default: standard output).")
    Path out;

    @Option(names = "--no-observe", description = "Take expectations from the document alone; send nothing.")
    boolean noObserve;

    @Option(names = "--include-unsafe",
            description = "Also generate (and, observing, send) POST, PUT, PATCH and DELETE: they change data.")
    boolean includeUnsafe;

    private PrintStream stdout = System.out;
    private PrintStream err = System.err;
    private Map<String, String> environment = System.getenv();

    /** Runs the command line and returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)}, with {@code ${env:…}} read from {@code env}. */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        DiscoverCommand command = new DiscoverCommand();
        command.stdout = out;
        command.err = err;
        command.environment = env;
        CommandLine commandLine = new CommandLine(command).setCommandName("token-workbench discover");
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            err.println("Discovery broke off: " + e);
            return CheckCommand.UNUSABLE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        Suite columns;
        try {
            columns = identities.equals("builtin") ? SuiteParser.builtin()
                    : SuiteParser.parse(Path.of(identities), environment);
        } catch (SuiteException e) {
            err.println("The identities cannot be used:");
            e.problems().forEach(p -> err.println("  " + p));
            return CheckCommand.UNUSABLE;
        }
        ApiClient api = ApiClient.create();
        try {
            Discovery found = new OpenApiDiscovery(api, new CheckEngine(api, Clock.systemUTC())).discover(server,
                    columns, new OpenApiDiscovery.Options(Optional.empty(), !noObserve, includeUnsafe).at(document));
            err.println("Read the OpenAPI document at " + found.documentPath() + ": " + found.operations()
                    + " operations");
            if (out == null) {
                stdout.print(found.yaml());
            } else {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(out, found.yaml(), StandardCharsets.UTF_8);
                err.println("Wrote " + found.suite().checks().size() + " checks to " + out);
            }
            if (!found.leftOut().isEmpty()) {
                err.println(found.leftOut().size() + " operations were left out, the token endpoint and any that "
                        + "change data or need query parameters (listed at the end of the suite; --include-unsafe "
                        + "adds those that change data)");
            }
            found.unjudged().forEach(cell -> err.println("NOT JUDGED  " + cell));
            for (Disagreement disagreement : found.disagreements()) {
                err.println("DISAGREE  " + disagreement);
            }
            return found.disagreements().isEmpty() ? CheckCommand.PASSED : CheckCommand.FAILED;
        } catch (OpenApiDiscovery.DiscoveryException e) {
            err.println("Discovery failed: " + e.getMessage());
            return CheckCommand.UNUSABLE;
        } catch (IOException e) {
            err.println("Cannot write " + out + ": " + e.getMessage());
            return CheckCommand.UNUSABLE;
        } finally {
            api.shutdown();
        }
    }
}
