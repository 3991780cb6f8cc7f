package io.tokenworkbench.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The workbench's command line: {@code java -jar client-fx.jar [--server URL]}. */
@Command(name = "client-fx.jar", mixinStandardHelpOptions = true, version = "Token Workbench 0.1",
        description = "Opens the Token Workbench on a server that speaks the API contract.")
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
        ClientOptions options = new ClientOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            return new Parsed.Exit(2);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return new Parsed.Exit(0);
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(System.out);
            return new Parsed.Exit(0);
        }
        return new Parsed.Run(options);
    }
}
