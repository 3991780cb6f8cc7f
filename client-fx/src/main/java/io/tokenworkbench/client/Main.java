package io.tokenworkbench.client;

import io.tokenworkbench.client.app.WorkbenchApp;
import io.tokenworkbench.client.cli.CheckCommand;
import io.tokenworkbench.client.cli.DemoCommand;
import io.tokenworkbench.client.cli.DiscoverCommand;

import java.util.Arrays;

/**
 * Starts the workbench ({@code token-workbench [--server URL]}) or, with {@code check} or {@code discover} first, the
 * headless check runner or suite generator, which never load a JavaFX class; {@code demo} starts the dev backend
 * and opens the workbench on it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(CheckCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("discover")) {
            System.exit(DiscoverCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("demo")) {
            System.exit(DemoCommand.run(System.out, System.err,
                    WorkbenchApp::launch,
                    Arrays.copyOfRange(args, 1, args.length)));
        }
        switch (ClientOptions.parse(args)) {
            case ClientOptions.Parsed.Run(ClientOptions options) -> WorkbenchApp.launch(options);
            case ClientOptions.Parsed.Exit(int code) -> System.exit(code);
        }
    }
}
