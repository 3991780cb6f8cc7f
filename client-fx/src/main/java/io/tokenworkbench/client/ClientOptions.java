package io.tokenworkbench.client;

import io.tokenworkbench.client.cli.CheckCommand;
import io.tokenworkbench.client.cli.DemoCommand;
import io.tokenworkbench.client.cli.DiscoverCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The workbench's command line: {@code token-workbench [--server URL]} opens the window; the commands are listed
 * here for the help (and its suggestions), and {@link Main} runs them.
 */
@Command(name = "token-workbench", mixinStandardHelpOptions = true, version = "Token Workbench 0.1", usageHelpWidth = 100,
        description = "Opens the Token Workbench on a bearer-token API, or runs one of the commands.",
        subcommands = {CheckCommand.class, DiscoverCommand.class, DemoCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  token-workbench --server https://api.example.com   open the workbench on an API",
                "  token-workbench demo                               dev backend plus the workbench on it",
                "  token-workbench check --suite builtin              the contract's access table, headless",
                "  token-workbench discover --server http://localhost:8000 --out suite.yaml",
                "%n'token-workbench COMMAND --help' tells more about a command."})
public final class ClientOptions {

    public static final String DEFAULT_SERVER = "http://localhost:8080";

    @Option(names = "--server", paramLabel = "URL", defaultValue = DEFAULT_SERVER,
            description = "Base URL of the API (default: ${DEFAULT-VALUE})")
    String server;

    public String server() {
        return server;
    }

    /** What parsing the command line concluded. */
    public sealed interface Parsed {
        /** Go on and open the workbench. */
        record Run(ClientOptions options) implements Parsed {
        }

        /** Help, version or a usage error was printed; exit with this code. */
        record Exit(int code) implements Parsed {
        }
    }

    /** Parses the arguments, printing help, the version or a usage error as picocli words them. */
    public static Parsed parse(String... args) {
        return parse(System.out, System.err, args);
    }

    /** As {@link #parse(String...)}, printing to the given streams. */
    public static Parsed parse(java.io.PrintStream out, java.io.PrintStream err, String... args) {
        ClientOptions options = new ClientOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            String unknown = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().getFirst();
            err.println((unknown.startsWith("-") ? "Unknown option '" : "Unknown command '") + unknown + "'.");
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("'token-workbench --help' lists the commands and options.");
            return new Parsed.Exit(2);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            commandLine.usage(err);
            return new Parsed.Exit(2);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return new Parsed.Exit(0);
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return new Parsed.Exit(0);
        }
        return new Parsed.Run(options);
    }
}
