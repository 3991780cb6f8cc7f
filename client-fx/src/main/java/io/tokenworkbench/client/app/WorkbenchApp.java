package io.tokenworkbench.client.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.ClientOptions;
import io.tokenworkbench.client.settings.WorkbenchSettings;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The JavaFX application: one window holding the {@link Shell}; its size, page and theme are remembered. */
public final class WorkbenchApp extends Application {

    private static final Logger LOG = Logger.getLogger(WorkbenchApp.class.getName());

    /** The smallest window every page is laid out for. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;

    private AppContext context;
    private Shell shell;
    private Stage stage;
    private WorkbenchSettings settings;
    /** Settings are written here, one after another, never on the FX thread. */
    private final java.util.concurrent.ExecutorService saver = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("settings").daemon().factory());

    /** Launches the app with the already-parsed options; returns when the window closes. */
    public static void launch(ClientOptions options) {
        launch(options.server());
    }

    /** Launches the app on a server; returns when the window closes. */
    public static void launch(String server) {
        Application.launch(WorkbenchApp.class, "--server=" + server);
    }

    /** Reads the settings before any window exists, on the launcher thread rather than the FX thread. */
    @Override
    public void init() {
        String server = getParameters().getNamed().getOrDefault("server", ClientOptions.DEFAULT_SERVER);
        context = AppContext.forApp(server);
        settings = WorkbenchSettings.load(context.configDir());
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        String server = context.serverUrl().get();
        applyTheme(settings.dark());
        context.startClock();
        var hostServices = getHostServices();
        context.useBrowser(hostServices::showDocument);
        shell = new Shell(context);
        shell.darkProperty().set(settings.dark());
        shell.show(Page.fromId(settings.lastPage()));
        context.probePath().set(settings.probePath());
        context.suiteEditorShare().set(settings.suiteEditorShare());
        context.compactMatrix().set(settings.compactMatrix());
        javafx.beans.InvalidationListener matrixLayout = observable -> remember(settings.withMatrix(
                context.suiteEditorShare().get(), context.compactMatrix().get()));
        context.suiteEditorShare().addListener(matrixLayout);
        context.compactMatrix().addListener(matrixLayout);
        context.probePath().addListener((obs, old, path) -> remember(settings.withProbePath(path)));
        shell.darkProperty().addListener((obs, old, dark) -> {
            applyTheme(dark);
            remember(settings.withTheme(dark ? "dark" : "light"));
        });
        shell.currentPageProperty().addListener((obs, old, page) -> remember(settings.withLastPage(page.id())));
        shell.startServerChecks();
        shell.restoreRememberedLogins();
        stage.setTitle("Token Workbench — " + server);
        stage.getIcons().add(new Image(WorkbenchApp.class.getResource("token-workbench.png").toExternalForm()));
        stage.setScene(new Scene(shell, Math.max(MIN_WIDTH, settings.width()), Math.max(MIN_HEIGHT, settings.height())));
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
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
        saver.execute(() -> {
            try {
                updated.save(context.configDir());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot save the workbench settings: {0}", e.getMessage());
            }
        });
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
        saver.shutdown();
        try {
            saver.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (context != null) {
            context.close();
        }
    }
}
