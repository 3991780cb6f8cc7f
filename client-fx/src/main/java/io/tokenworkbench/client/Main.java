package io.tokenworkbench.client;

import io.tokenworkbench.client.app.WorkbenchApp;

/** Starts the workbench: {@code java -jar client-fx.jar [--server URL]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        switch (ClientOptions.parse(args)) {
            case ClientOptions.Parsed.Run(ClientOptions options) -> WorkbenchApp.launch(options);
            case ClientOptions.Parsed.Exit(int code) -> System.exit(code);
        }
    }
}
