package io.tokenworkbench.client.app;

import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.identity.RememberedLogins;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import io.tokenworkbench.client.inspector.TokenLinter;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.Dialogs;
import io.tokenworkbench.client.support.TextClipboard;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The client's composition root: one HTTP client, the executors (background work on virtual threads, results on the
 * FX thread), the clock and the shared {@code now} that every countdown follows, and the current server.
 */
public final class AppContext implements AutoCloseable {

    private final StringProperty serverUrl;
    private final StringProperty probePath = new SimpleStringProperty(this, "probePath", "/");
    private final javafx.beans.property.BooleanProperty speaksContract =
            new javafx.beans.property.SimpleBooleanProperty(this, "speaksContract", true);
    private final Clock clock;
    private final Executor ui;
    private final ExecutorService background;
    private final ApiClient api;
    private final ServerProbe probe;
    private final TokenLinter linter;
    private final ObjectProperty<Instant> now;
    private final ObservableList<Identity> identities = FXCollections.observableArrayList();
    private final ObjectProperty<Identity> activeIdentity = new SimpleObjectProperty<>(this, "activeIdentity");
    private final IdentityService identityService;
    private IdentityService.Browser browser;
    private final RememberedLogins rememberedLogins;
    private final Path configDir;
    private final javafx.beans.property.DoubleProperty suiteEditorShare =
            new javafx.beans.property.SimpleDoubleProperty(this, "suiteEditorShare", 0.34);
    private final javafx.beans.property.BooleanProperty compactMatrix =
            new javafx.beans.property.SimpleBooleanProperty(this, "compactMatrix", false);
    private Dialogs dialogs = new FxDialogs(AppContext::workbenchWindow);
    private TextClipboard clipboard = new FxClipboard();
    private Timeline ticker;

    public AppContext(String serverUrl, Path configDir, Clock clock, Executor ui, ExecutorService background,
                      ApiClient api) {
        this.configDir = configDir;
        this.identityService = new IdentityService(api, clock);
        this.rememberedLogins = new RememberedLogins(configDir);
        this.serverUrl = new SimpleStringProperty(this, "serverUrl", serverUrl);
        this.clock = clock;
        this.ui = ui;
        this.background = background;
        this.api = api;
        this.probe = new ServerProbe(api);
        this.linter = new TokenLinter(clock);
        this.now = new SimpleObjectProperty<>(this, "now", clock.instant());
    }

    /** The context of the running app: the system clock, the FX thread, virtual threads, a fresh HTTP client. */
    public static AppContext forApp(String serverUrl) {
        return new AppContext(serverUrl, defaultConfigDir(), Clock.systemDefaultZone(), Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), ApiClient.create());
    }

    /** Starts the once-a-second tick of {@link #now()}; call on the FX thread. */
    public void startClock() {
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> now.set(clock.instant())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /** {@code $XDG_CONFIG_HOME/token-workbench}, else {@code ~/.config/token-workbench}. */
    static Path defaultConfigDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("token-workbench");
    }

    public ObservableList<Identity> identities() {
        return identities;
    }

    /** The identity requests are sent as; null means anonymous. */
    public ObjectProperty<Identity> activeIdentity() {
        return activeIdentity;
    }

    /** How much of the access matrix page the suite editor takes; remembered in the settings. */
    public javafx.beans.property.DoubleProperty suiteEditorShare() {
        return suiteEditorShare;
    }

    /** Whether the matrix shows narrow columns; remembered in the settings. */
    public javafx.beans.property.BooleanProperty compactMatrix() {
        return compactMatrix;
    }

    /** The questions asked of the person at the keyboard; tests replace them before building the views. */
    public Dialogs dialogs() {
        return dialogs;
    }

    public void useDialogs(Dialogs replacement) {
        this.dialogs = replacement;
    }

    /** Where "Copy" puts text; tests replace it before building the views. */
    public TextClipboard clipboard() {
        return clipboard;
    }

    public void useClipboard(TextClipboard replacement) {
        this.clipboard = replacement;
    }

    /** A new helper for one view-model's background work, on this context's executors. */
    public BackgroundTasks tasks() {
        return new BackgroundTasks(background, ui);
    }

    private static javafx.stage.Window workbenchWindow() {
        return javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isFocused).findFirst()
                .orElse(javafx.stage.Window.getWindows().stream().findFirst().orElse(null));
    }

    /** What opens the system browser (the app's HostServices), when there is one. */
    public java.util.Optional<IdentityService.Browser> browser() {
        return java.util.Optional.ofNullable(browser);
    }

    /** Gives the context the system browser (the app does, from its HostServices). */
    public void useBrowser(IdentityService.Browser systemBrowser) {
        this.browser = systemBrowser;
    }

    public IdentityService identityService() {
        return identityService;
    }

    public RememberedLogins rememberedLogins() {
        return rememberedLogins;
    }

    public Path configDir() {
        return configDir;
    }

    public StringProperty serverUrl() {
        return serverUrl;
    }

    /** Whether the current server is a Token Workbench backend; pages of our contract say so when it is not. */
    public javafx.beans.property.BooleanProperty speaksContract() {
        return speaksContract;
    }

    /** The path asked to tell whether the server is up; any HTTP answer means it is. */
    public StringProperty probePath() {
        return probePath;
    }

    public Clock clock() {
        return clock;
    }

    public Executor ui() {
        return ui;
    }

    public ExecutorService background() {
        return background;
    }

    public ApiClient api() {
        return api;
    }

    public ServerProbe probe() {
        return probe;
    }

    public TokenLinter linter() {
        return linter;
    }

    public ObjectProperty<Instant> now() {
        return now;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.stop();
        }
        background.shutdownNow();
        api.shutdown();
    }
}
