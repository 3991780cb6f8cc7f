package io.tokenworkbench.client;

import io.tokenworkbench.client.app.WorkbenchApp;

/** Starts the workbench: {@code java -jar client-fx.jar [--server URL]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ClientOptions options = ClientOptions.parse(args);
        if (options == null) {
            System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")
                    || args[0].equals("--version") || args[0].equals("-V")) ? 0 : 2);
            return;
        }
        WorkbenchApp.launch(options);
    }
}
