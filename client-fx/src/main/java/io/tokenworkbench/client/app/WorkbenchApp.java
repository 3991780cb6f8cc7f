package io.tokenworkbench.client.app;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.ClientOptions;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window holding the {@link Shell}. */
public final class WorkbenchApp extends Application {

    private AppContext context;
    private Shell shell;

    /** Launches the app with the already-parsed options; returns when the window closes. */
    public static void launch(ClientOptions options) {
        Application.launch(WorkbenchApp.class, "--server=" + options.server());
    }

    @Override
    public void start(Stage stage) {
        String server = getParameters().getNamed().getOrDefault("server", ClientOptions.DEFAULT_SERVER);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = AppContext.forApp(server);
        context.startClock();
        shell = new Shell(context);
        shell.startServerChecks();
        stage.setTitle("Token Workbench — " + server);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.stopServerChecks();
        }
        if (context != null) {
            context.close();
        }
    }
}
