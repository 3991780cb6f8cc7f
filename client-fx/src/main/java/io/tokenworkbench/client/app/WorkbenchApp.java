package io.tokenworkbench.client.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.ClientOptions;
import io.tokenworkbench.client.settings.WorkbenchSettings;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The JavaFX application: one window holding the {@link Shell}; its size, page and theme are remembered. */
public final class WorkbenchApp extends Application {

    private static final Logger LOG = Logger.getLogger(WorkbenchApp.class.getName());

    private AppContext context;
    private Shell shell;
    private Stage stage;
    private WorkbenchSettings settings;

    /** Launches the app with the already-parsed options; returns when the window closes. */
    public static void launch(ClientOptions options) {
        launch(options.server());
    }

    /** Launches the app on a server; returns when the window closes. */
    public static void launch(String server) {
        Application.launch(WorkbenchApp.class, "--server=" + server);
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        String server = getParameters().getNamed().getOrDefault("server", ClientOptions.DEFAULT_SERVER);
        context = AppContext.forApp(server);
        settings = WorkbenchSettings.load(context.configDir());
        applyTheme(settings.dark());
        context.startClock();
        shell = new Shell(context);
        shell.darkProperty().set(settings.dark());
        shell.show(settings.lastPage());
        context.probePath().set(settings.probePath());
        context.probePath().addListener((obs, old, path) -> remember(settings.withProbePath(path)));
        shell.darkProperty().addListener((obs, old, dark) -> {
            applyTheme(dark);
            remember(settings.withTheme(dark ? "dark" : "light"));
        });
        shell.currentPageProperty().addListener((obs, old, page) -> remember(settings.withLastPage(page)));
        shell.startServerChecks();
        stage.setTitle("Token Workbench — " + server);
        stage.setScene(new Scene(shell, settings.width(), settings.height()));
        placeOnScreen(stage, settings);
        stage.setMaximized(settings.maximized());
        stage.show();
    }

    /** Restores the window where it was, unless that place is no longer on any screen. */
    private static void placeOnScreen(Stage stage, WorkbenchSettings settings) {
        if (Double.isNaN(settings.x()) || Double.isNaN(settings.y())) {
            stage.centerOnScreen();
            return;
        }
        boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(settings.x(), settings.y(), 100, 100))
                .isEmpty();
        if (visible) {
            stage.setX(settings.x());
            stage.setY(settings.y());
        } else {
            stage.centerOnScreen();
        }
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void remember(WorkbenchSettings updated) {
        settings = updated;
        try {
            settings.save(context.configDir());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save the workbench settings: {0}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (stage != null && settings != null) {
            boolean maximized = stage.isMaximized();
            remember(maximized ? settings.withWindow(settings.x(), settings.y(), settings.width(), settings.height(), true)
                    : settings.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
        }
        if (shell != null) {
            shell.stopServerChecks();
        }
        if (context != null) {
            context.close();
        }
    }
}
