package io.tokenworkbench.client.app;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.checks.discovery.OpenApiDiscovery;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.ui.MatrixView;
import io.tokenworkbench.client.checks.ui.MatrixViewModel;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.totp.TotpService;
import io.tokenworkbench.client.totp.ui.TotpView;
import io.tokenworkbench.client.totp.ui.TotpViewModel;
import io.tokenworkbench.client.console.ui.ConsoleView;
import io.tokenworkbench.client.console.ui.ConsoleViewModel;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.posts.PostsService;
import io.tokenworkbench.client.posts.ui.PostsView;
import io.tokenworkbench.client.posts.ui.PostsViewModel;
import io.tokenworkbench.client.identity.ui.IdentitiesView;
import io.tokenworkbench.client.identity.ui.IdentitiesViewModel;
import io.tokenworkbench.client.inspector.Durations;
import io.tokenworkbench.client.inspector.ui.InspectorView;
import io.tokenworkbench.client.inspector.ui.InspectorViewModel;
import io.tokenworkbench.client.inspector.ui.SignViewModel;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.TokenForge;
import io.tokenworkbench.client.server.ServerDiscovery;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.client.server.ui.ServerView;
import io.tokenworkbench.client.server.ui.ServerViewModel;
import javafx.animation.KeyFrame;
import javafx.beans.binding.Bindings;
import javafx.scene.input.KeyCombination;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.concurrent.CompletableFuture;

/**
 * The workbench window's content: the server bar (URL, reachability, a banner with Retry when the server cannot be
 * reached), the current page, and a status bar.
 */
public final class Shell extends BorderPane {

    private final AppContext context;
    private final Label serverStatus = new Label();
    private final Label banner = new Label();
    private final Button retry = new Button("Retry");
    private final HBox bannerBox = new HBox(12, banner, retry);
    private final java.util.Map<String, javafx.scene.Node> pages = new java.util.HashMap<>();
    private Timeline probeTimer;
    private final javafx.beans.property.StringProperty currentPage =
            new javafx.beans.property.SimpleStringProperty(this, "currentPage", "identities");
    private final javafx.beans.property.BooleanProperty dark =
            new javafx.beans.property.SimpleBooleanProperty(this, "dark", false);
    private PostsViewModel postsModel;
    private final java.util.Map<String, Button> navButtons = new java.util.HashMap<>();
    private ServerViewModel serverModel;
    private IdentitiesViewModel identitiesModel;

    public Shell(AppContext context) {
        this.context = context;
        setId("shell");
        createView();
    }

    private void createView() {
        Label title = new Label("Token Workbench");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField url = new TextField();
        url.setId("serverUrl");
        url.setPrefColumnCount(28);
        url.textProperty().bindBidirectional(context.serverUrl());
        url.setOnAction(event -> checkServer());
        serverStatus.setId("serverStatus");
        javafx.scene.control.ToggleButton theme = new javafx.scene.control.ToggleButton("Dark theme");
        theme.setId("themeToggle");
        theme.selectedProperty().bindBidirectional(dark);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox serverBar = new HBox(12, title, new Label("Server"), url, serverStatus, spacer, theme);
        serverBar.setAlignment(Pos.CENTER_LEFT);
        serverBar.setPadding(new Insets(10, 12, 10, 12));

        banner.setId("unreachableBanner");
        banner.setWrapText(true);
        retry.setId("retryButton");
        retry.setOnAction(event -> checkServer());
        bannerBox.setAlignment(Pos.CENTER_LEFT);
        bannerBox.setPadding(new Insets(8, 12, 8, 12));
        bannerBox.setStyle("-fx-background-color: -color-danger-subtle;");
        bannerBox.managedProperty().bind(bannerBox.visibleProperty());
        bannerBox.setVisible(false);
        HBox.setHgrow(banner, Priority.ALWAYS);

        setTop(new VBox(serverBar, bannerBox));

        IdentitiesViewModel identities = new IdentitiesViewModel(context.identities(), context.activeIdentity(),
                context.serverUrl(), context.identityService(), context.rememberedLogins(), context.clock(),
                context.background(), context.ui());
        identitiesModel = identities;
        context.now().addListener((obs, old, instant) -> identities.tick(instant));
        context.probePath().addListener((obs, old, path) -> checkServer());
        identities.demoAvailableProperty().bind(context.speaksContract());
        context.serverUrl().addListener((obs, old, now) -> identities.tokenEndpointProperty().set(""));
        InspectorViewModel inspector = new InspectorViewModel(context.probe(), context.linter(), context.clock(),
                context.serverUrl(), context.background(), context.ui());
        inspector.nowProperty().bind(context.now());
        Button inspectActive = new Button("Inspect the active identity's token");
        inspectActive.setId("inspectActiveButton");
        inspectActive.disableProperty().bind(context.activeIdentity().isNull());
        inspectActive.setOnAction(event -> {
            Identity active = context.activeIdentity().get();
            if (active != null && active.tokens() != null) {
                inspector.inputProperty().set(active.tokens().accessToken());
            }
        });
        SignViewModel sign = new SignViewModel(new TokenForge(new Forgery(context.clock())), context.linter(),
                context.probe(), context.identityService(), context.identities(), context.serverUrl(), context.clock(),
                context.background(), context.ui());
        VBox inspectorPage = new VBox(new HBox(inspectActive), new InspectorView(inspector, sign));
        inspectorPage.setPadding(new Insets(12, 0, 0, 12));
        VBox.setVgrow(inspectorPage.getChildren().get(1), Priority.ALWAYS);

        ConsoleViewModel console = new ConsoleViewModel(context.api(), context.identities(),
                new RequestHistory(context.configDir()),
                context.serverUrl(), context.clock(), context.background(), context.ui());
        console.sendAsProperty().set(context.activeIdentity().get());
        context.activeIdentity().addListener((obs, old, active) -> {
            if (old == null || console.sendAsProperty().get() == null
                    || console.sendAsProperty().get().id().equals(old.id())) {
                console.sendAsProperty().set(active);
            }
        });

        postsModel = new PostsViewModel(new PostsService(context.api()), context.activeIdentity(),
                context.serverUrl(), context.background(), context.ui());

        pages.put("identities", new IdentitiesView(identities));
        pages.put("posts", contractOnly(new PostsView(postsModel), "My posts"));
        pages.put("console", new ConsoleView(console, context.identities()));
        pages.put("inspector", inspectorPage);
        serverModel = new ServerViewModel(new ServerDiscovery(context.api()), context.serverUrl(),
                context.probePath(), context.background(), context.ui());
        pages.put("server", new ServerView(serverModel));
        pages.put("totp", contractOnly(new TotpView(new TotpViewModel(new TotpService(context.api()),
                context.activeIdentity(), context.serverUrl(), context.background(), context.ui())), "TOTP"));
        CheckEngine engine = new CheckEngine(context.api(), context.clock());
        pages.put("checks", new MatrixView(new MatrixViewModel(engine, new OpenApiDiscovery(context.api(), engine),
                context.serverUrl(), context.speaksContract(), context.background(), context.ui())));
        VBox sidebar = new VBox(4, navButton("Identities", "identities", "navIdentities"),
                navButton("Token inspector", "inspector", "navInspector"),
                navButton("Request console", "console", "navConsole"),
                navButton("My posts", "posts", "navPosts"),
                navButton("TOTP", "totp", "navTotp"),
                navButton("Access matrix", "checks", "navChecks"),
                navButton("Server", "server", "navServer"));
        sidebar.setPadding(new Insets(12));
        sidebar.setPrefWidth(170);
        setLeft(sidebar);
        show("identities");

        Label status = new Label();
        status.setId("statusBar");
        status.textProperty().bind(Bindings.createStringBinding(this::statusText, context.serverUrl(),
                serverStatus.textProperty(), context.activeIdentity(), context.now()));
        HBox statusBar = new HBox(status);
        statusBar.setPadding(new Insets(4, 12, 4, 12));
        setBottom(statusBar);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+1"), () -> show("identities"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+2"), () -> show("inspector"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+3"), () -> show("console"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+4"), () -> show("posts"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+5"), () -> show("totp"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+6"), () -> show("checks"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+7"), () -> show("server"));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+T"), () -> dark.set(!dark.get()));
                scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+R"),
                        () -> identities.refresh(context.activeIdentity().get()));
            }
        });
    }

    /**
     * A page of our contract: on a server that does not speak it, a notice says so and the page stays out of the
     * way, instead of failing with 404s.
     */
    private javafx.scene.Node contractOnly(javafx.scene.Node page, String name) {
        Label notice = new Label();
        notice.setId("contractNotice");
        notice.setWrapText(true);
        notice.getStyleClass().add(Styles.WARNING);
        notice.textProperty().bind(Bindings.createStringBinding(() -> name + " works with the Token Workbench "
                + "backend's API, and " + context.serverUrl().get() + " is another API. Use the request console, "
                + "the inspector and the access matrix for it.", context.serverUrl()));
        notice.visibleProperty().bind(context.speaksContract().not());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setPadding(new Insets(12));
        page.disableProperty().bind(context.speaksContract().not());
        VBox box = new VBox(notice, page);
        VBox.setVgrow(page, Priority.ALWAYS);
        return box;
    }

    private Button navButton(String title, String page, String id) {
        Button button = new Button(title);
        navButtons.put(page, button);
        button.setId(id);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add(Styles.FLAT);
        button.setOnAction(event -> show(page));
        return button;
    }

    /** The page on show: identities, inspector, console, posts, totp, checks or server. */
    public javafx.beans.property.ReadOnlyStringProperty currentPageProperty() {
        return currentPage;
    }

    /** Whether the dark theme is on; the application applies it. */
    public javafx.beans.property.BooleanProperty darkProperty() {
        return dark;
    }

    /** Shows one page of the workbench by its id; an unknown id (say, from an old settings file) shows identities. */
    public void show(String requested) {
        String page = pages.containsKey(requested) ? requested : "identities";
        setCenter(pages.get(page));
        currentPage.set(page);
        navButtons.forEach((name, button) -> {
            button.getStyleClass().remove(Styles.ACCENT);
            if (name.equals(page)) {
                button.getStyleClass().add(Styles.ACCENT);
            }
        });
        if (page.equals("posts")) {
            postsModel.load();
        }
        if (page.equals("server")) {
            serverModel.refresh();
        }
    }

    private String statusText() {
        Identity active = context.activeIdentity().get();
        String who = active == null ? "anonymous" : active.label();
        String expiry = "";
        if (active != null && active.tokens() != null && active.tokens().expiresAt() != null) {
            java.time.Duration left = java.time.Duration.between(context.now().get(), active.tokens().expiresAt());
            expiry = left.isNegative() ? " · token expired " + Durations.relative(left) + " ago"
                    : " · token expires in " + Durations.relative(left);
        } else if (active != null && active.tokens() == null) {
            expiry = " · logged out";
        }
        return context.serverUrl().get() + " (" + serverStatus.getText() + ") · as " + who + expiry;
    }

    /** Checks the server now and then every five seconds. */
    public void startServerChecks() {
        checkServer();
        probeTimer = new Timeline(new KeyFrame(Duration.seconds(5), event -> checkServer()));
        probeTimer.setCycleCount(Timeline.INDEFINITE);
        probeTimer.play();
    }

    public void stopServerChecks() {
        if (probeTimer != null) {
            probeTimer.stop();
        }
    }

    private void checkServer() {
        String url = context.serverUrl().get();
        String path = context.probePath().get();
        CompletableFuture.supplyAsync(() -> context.probe().reach(url, path), context.background())
                .thenAcceptAsync(this::showReachability, context.ui());
    }

    private String contractCheckedFor = "";

    private void checkContract(String url) {
        if (url.equals(contractCheckedFor)) {
            return;
        }
        contractCheckedFor = url;
        identitiesModel.suggestTokenEndpoint();
        CompletableFuture.supplyAsync(() -> context.probe().speaksContract(url), context.background())
                .thenAcceptAsync(speaks -> {
                    if (url.equals(context.serverUrl().get())) {
                        context.speaksContract().set(speaks);
                    }
                }, context.ui());
    }

    private void showReachability(ServerProbe.Reachability reachability) {
        serverStatus.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        switch (reachability) {
            case ServerProbe.Reachability.Reachable() -> {
                checkContract(context.serverUrl().get());
                serverStatus.setText("connected");
                serverStatus.getStyleClass().add(Styles.SUCCESS);
                bannerBox.setVisible(false);
            }
            case ServerProbe.Reachability.Unreachable(String reason) -> {
                serverStatus.setText("unreachable");
                serverStatus.getStyleClass().add(Styles.DANGER);
                banner.setText("The server at " + context.serverUrl().get() + " cannot be reached: " + reason);
                bannerBox.setVisible(true);
            }
        }
    }
}
