package io.tokenworkbench.client.app;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.checks.discovery.OpenApiDiscovery;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.ui.MatrixView;
import io.tokenworkbench.client.checks.ui.MatrixViewModel;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.console.ui.ConsoleView;
import io.tokenworkbench.client.console.ui.ConsoleViewModel;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.TokenForge;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.ui.IdentitiesView;
import io.tokenworkbench.client.identity.ui.IdentitiesViewModel;
import io.tokenworkbench.client.inspector.Durations;
import io.tokenworkbench.client.inspector.ui.InspectorView;
import io.tokenworkbench.client.inspector.ui.InspectorViewModel;
import io.tokenworkbench.client.inspector.ui.SignViewModel;
import io.tokenworkbench.client.posts.PostsService;
import io.tokenworkbench.client.posts.ui.PostsView;
import io.tokenworkbench.client.posts.ui.PostsViewModel;
import io.tokenworkbench.client.server.ServerDiscovery;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.client.server.ui.ServerView;
import io.tokenworkbench.client.server.ui.ServerViewModel;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.totp.TotpService;
import io.tokenworkbench.client.totp.ui.TotpView;
import io.tokenworkbench.client.totp.ui.TotpViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The workbench window's content: the server bar (URL, reachability), the sidebar of {@link Page}s, the page on
 * show (with a banner over its top edge while the server cannot be reached), and a status bar. It owns the
 * keyboard: page shortcuts, Ctrl+L for the server URL, F1 for the list of shortcuts, Tab leaving text areas.
 */
public final class Shell extends BorderPane {

    /** How often the server is asked while it answers, and while it does not. */
    static final Duration CHECK_WHILE_UP = Duration.ofSeconds(5);
    static final Duration CHECK_WHILE_DOWN = Duration.ofSeconds(2);

    private static final String SHORTCUTS = """
            Ctrl+1 … Ctrl+7   Identities, Token inspector, Request console, My posts, TOTP, Access matrix, Server
            Ctrl+L            the server URL
            Ctrl+T            light or dark theme
            Ctrl+R            refresh the active identity's token
            Ctrl+Enter        send the console's request
            Ctrl+F            find in the console's answer
            Enter             the page's main action where it is clear (log in, send, verify, find next,
                              create or save a post from its title)
            Double-click      make an identity active; put a history entry back in the console
            Tab, Shift+Tab    next and previous control; in a text area too (Ctrl+Tab types a tab)
            Ctrl+PgDn, PgUp   next and previous tab, e.g. the inspector's Inspect, Sign and Cookies
            Arrow keys        move between the access matrix's cells; its details follow
            Escape            close a dialog
            F1                this list""";

    private final AppContext context;
    private final TextField url = new TextField();
    private final Label serverStatus = new Label();
    private final Label banner = new Label();
    private final Button retry = new Button("Retry now");
    private final HBox bannerBox = new HBox(12, banner, retry);
    private final StackPane pageHolder = new StackPane();
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, Button> navButtons = new EnumMap<>(Page.class);
    private final ObjectProperty<Page> currentPage = new SimpleObjectProperty<>(this, "currentPage", Page.IDENTITIES);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final BackgroundTasks probes;
    private PostsViewModel postsModel;
    private ServerViewModel serverModel;
    private IdentitiesViewModel identitiesModel;
    private boolean checksRunning;
    private boolean reachable = true;
    private Instant nextCheck = Instant.MAX;
    private String lastReason = "";
    private String contractCheckedFor = "";

    public Shell(AppContext context) {
        this.context = context;
        this.probes = context.tasks();
        setId("shell");
        getStylesheets().add(Shell.class.getResource("workbench.css").toExternalForm());
        createView();
    }

    private void createView() {
        Label title = new Label("Token Workbench");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setMinWidth(Region.USE_PREF_SIZE);
        url.setId("serverUrl");
        url.setPrefColumnCount(26);
        url.textProperty().bindBidirectional(context.serverUrl());
        url.setOnAction(event -> checkServer());
        // A stray keystroke must never replace the server: Tab passes it by, Ctrl+L (as in browsers) goes there.
        url.setFocusTraversable(false);
        HBox.setHgrow(url, Priority.SOMETIMES);
        serverStatus.setId("serverStatus");
        serverStatus.setMinWidth(Region.USE_PREF_SIZE);
        ToggleButton theme = new ToggleButton("Dark theme");
        theme.setId("themeToggle");
        theme.setMinWidth(Region.USE_PREF_SIZE);
        theme.selectedProperty().bindBidirectional(dark);
        Button help = new Button("Shortcuts (F1)");
        help.setId("shortcutsButton");
        help.setMinWidth(Region.USE_PREF_SIZE);
        help.setOnAction(event -> showShortcuts());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label serverLabel = new Label("Server");
        serverLabel.setMinWidth(Region.USE_PREF_SIZE);
        serverLabel.setLabelFor(url);
        HBox serverBar = new HBox(12, title, serverLabel, url, serverStatus, spacer, help, theme);
        serverBar.setAlignment(Pos.CENTER_LEFT);
        serverBar.setPadding(new Insets(10, 12, 10, 12));
        setTop(serverBar);

        banner.setId("unreachableBanner");
        banner.setWrapText(true);
        banner.setMinHeight(Region.USE_PREF_SIZE);
        retry.setId("retryButton");
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.setOnAction(event -> checkServer());
        bannerBox.setId("unreachableBox");
        bannerBox.setAlignment(Pos.CENTER_LEFT);
        bannerBox.setPadding(new Insets(8, 12, 8, 12));
        bannerBox.getStyleClass().add("unreachable-banner");
        bannerBox.setMaxHeight(Region.USE_PREF_SIZE);
        bannerBox.setVisible(false);
        HBox.setHgrow(banner, Priority.ALWAYS);
        StackPane.setAlignment(bannerBox, Pos.TOP_CENTER);
        pageHolder.setId("pageHolder");
        StackPane centre = new StackPane(pageHolder, bannerBox);
        setCenter(centre);

        buildPages();
        VBox sidebar = new VBox(4);
        sidebar.setId("sidebar");
        for (Page page : Page.values()) {
            Button button = new Button(page.title());
            button.setId(page.navId());
            button.setMaxWidth(Double.MAX_VALUE);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.getStyleClass().add(Styles.FLAT);
            button.setOnAction(event -> show(page));
            navButtons.put(page, button);
            sidebar.getChildren().add(button);
        }
        sidebar.setPadding(new Insets(12));
        setLeft(sidebar);
        show(Page.IDENTITIES);

        Label status = new Label();
        status.setId("statusBar");
        status.textProperty().bind(Bindings.createStringBinding(this::statusText, context.serverUrl(),
                serverStatus.textProperty(), context.activeIdentity(), context.now()));
        HBox statusBar = new HBox(status);
        statusBar.setPadding(new Insets(4, 12, 4, 12));
        setBottom(statusBar);

        context.serverUrl().addListener((obs, old, now) -> {
            if (checksRunning) {
                checkServer();
            }
        });
        context.now().addListener((obs, old, instant) -> onTick(instant));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                installKeys(scene);
            }
        });
    }

    private void buildPages() {
        IdentitiesViewModel identities = new IdentitiesViewModel(context.identities(), context.activeIdentity(),
                context.serverUrl(), context.identityService(), context.rememberedLogins(), context.clock(),
                context.tasks());
        identitiesModel = identities;
        context.browser().ifPresent(identities::setBrowser);
        context.now().addListener((obs, old, instant) -> identities.tick(instant));
        context.probePath().addListener((obs, old, path) -> checkServer());
        identities.demoAvailableProperty().bind(context.speaksContract());
        context.serverUrl().addListener((obs, old, now) -> identities.tokenEndpointProperty().set(""));

        InspectorViewModel inspector = new InspectorViewModel(context.probe(), context.linter(), context.clock(),
                context.serverUrl(), context.tasks());
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
                context.tasks(), context.clipboard());
        InspectorView inspectorView = new InspectorView(inspector, sign, context.identities());
        VBox inspectorPage = new VBox(new HBox(inspectActive), inspectorView);
        inspectorPage.getProperties().put("initial-focus", inspectorView.getProperties().get("initial-focus"));
        inspectorPage.setPadding(new Insets(12, 0, 0, 12));
        VBox.setVgrow(inspectorView, Priority.ALWAYS);

        ConsoleViewModel console = new ConsoleViewModel(context.api(), context.identities(),
                new RequestHistory(context.configDir()), context.serverUrl(), context.clock(), context.tasks(),
                context.clipboard());
        console.sendAsProperty().set(context.activeIdentity().get());
        context.activeIdentity().addListener((obs, old, active) -> {
            if (old == null || console.sendAsProperty().get() == null
                    || console.sendAsProperty().get().id().equals(old.id())) {
                console.sendAsProperty().set(active);
            }
        });

        postsModel = new PostsViewModel(new PostsService(context.api()), context.identities(),
                context.activeIdentity(), context.serverUrl(), context.tasks(), context.dialogs());
        serverModel = new ServerViewModel(new ServerDiscovery(context.api()), context.serverUrl(),
                context.probePath(), context.tasks());
        CheckEngine engine = new CheckEngine(context.api(), context.clock());

        pages.put(Page.IDENTITIES, new IdentitiesView(identities));
        pages.put(Page.INSPECTOR, inspectorPage);
        pages.put(Page.CONSOLE, new ConsoleView(console, context.identities()));
        pages.put(Page.POSTS, contractOnly(new PostsView(postsModel), Page.POSTS));
        pages.put(Page.TOTP, contractOnly(new TotpView(new TotpViewModel(new TotpService(context.api()),
                context.activeIdentity(), context.serverUrl(), context.tasks(), context.dialogs(),
                context.clipboard())), Page.TOTP));
        pages.put(Page.CHECKS, new MatrixView(new MatrixViewModel(engine, new OpenApiDiscovery(context.api(), engine),
                context.serverUrl(), context.speaksContract(), context.tasks(), context.ui(), context.dialogs()),
                context.suiteEditorShare(), context.compactMatrix()));
        pages.put(Page.SERVER, new ServerView(serverModel));
    }

    /**
     * When the focused control is disabled while its work runs (Send, Log in…), JavaFX would move the focus to the
     * next control, selecting a text field's whole text for the next keystroke to replace. Instead the focus waits
     * on the page, and goes back to the control once it is enabled again.
     */
    private void keepFocusThroughBusyControls(Scene scene) {
        pageHolder.setFocusTraversable(false);
        Node[] parked = {null};
        scene.focusOwnerProperty().addListener((obs, old, now) -> {
            if (old != null && old.isDisabled() && isInside(old, pageHolder) && parked[0] == null) {
                parked[0] = old;
                old.disabledProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends Boolean> value, Boolean was,
                                        Boolean disabled) {
                        if (!disabled) {
                            value.removeListener(this);
                            Node owner = scene.getFocusOwner();
                            if ((owner == null || owner == pageHolder) && parked[0] != null
                                    && parked[0].getScene() == scene) {
                                parked[0].requestFocus();
                            }
                            parked[0] = null;
                        }
                    }
                });
            }
            // The scene's own fallback (to nothing, then to the next control) is undone; a move the person makes
            // from the page is left alone.
            boolean fallback = old == parked[0] || old == null;
            if (parked[0] != null && fallback && now != pageHolder) {
                Platform.runLater(() -> {
                    Node owner = scene.getFocusOwner();
                    if (parked[0] != null && owner != pageHolder && owner != parked[0]) {
                        if (owner instanceof javafx.scene.control.TextInputControl field) {
                            field.deselect();
                        }
                        pageHolder.requestFocus();
                    }
                });
            }
        });
    }

    private void installKeys(Scene scene) {
        keepFocusThroughBusyControls(scene);
        for (Page page : Page.values()) {
            scene.getAccelerators().put(KeyCombination.keyCombination(page.shortcut()), () -> show(page));
        }
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+T"), () -> dark.set(!dark.get()));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+R"),
                () -> identitiesModel.refresh(context.activeIdentity().get()));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+L"), () -> {
            url.requestFocus();
            url.selectAll();
        });
        scene.getAccelerators().put(KeyCombination.keyCombination("F1"), this::showShortcuts);
        // Tab leaves a text area, as it leaves every other control; Ctrl+Tab types the tab instead.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() != KeyCode.TAB) {
                return;
            }
            if (event.getTarget() instanceof TextArea area) {
                event.consume();
                if (event.isControlDown()) {
                    area.replaceSelection("\t");
                } else {
                    area.requestFocusTraversal(event.isShiftDown() ? TraversalDirection.PREVIOUS
                            : TraversalDirection.NEXT);
                }
            } else if (event.getTarget() instanceof org.fxmisc.richtext.GenericStyledArea<?, ?, ?> code) {
                event.consume();
                if (event.isControlDown()) {
                    code.replaceSelection("  ");   // YAML indents with spaces; a tab character is an error there
                } else {
                    code.requestFocusTraversal(event.isShiftDown() ? TraversalDirection.PREVIOUS
                            : TraversalDirection.NEXT);
                }
            }
        });
    }

    private void showShortcuts() {
        context.dialogs().inform("Keyboard shortcuts", SHORTCUTS);
    }

    /** A page of our contract: on a server that does not speak it, a notice says so and the page stays out of the way. */
    private Node contractOnly(Node page, Page which) {
        Label notice = new Label();
        notice.setId("contractNotice");
        notice.setWrapText(true);
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.getStyleClass().add(Styles.WARNING);
        notice.textProperty().bind(Bindings.createStringBinding(() -> which.title() + " works with the Token "
                + "Workbench backend's API, and " + context.serverUrl().get() + " is another API. Use the request "
                + "console, the inspector and the access matrix for it.", context.serverUrl()));
        notice.visibleProperty().bind(context.speaksContract().not());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setPadding(new Insets(12));
        page.disableProperty().bind(context.speaksContract().not());
        VBox box = new VBox(notice, page);
        VBox.setVgrow(page, Priority.ALWAYS);
        return box;
    }

    /** The page on show. */
    public ReadOnlyObjectProperty<Page> currentPageProperty() {
        return currentPage;
    }

    /** Whether the dark theme is on; the application applies it. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Shows a page and puts the keyboard focus on its first control (never on the server URL). */
    public void show(Page page) {
        Node node = pages.get(page);
        // Move the focus into the new page before the old one leaves, so the scene never falls back on the first
        // control of the window; and once more after the next pulse, when the new page is laid out.
        if (!pageHolder.getChildren().contains(node)) {
            pageHolder.getChildren().add(node);
        }
        node.applyCss();   // creates the skins, so that controls inside tabs are in the scene and can take focus
        focusFirstIn(node);
        pageHolder.getChildren().retainAll(node);
        currentPage.set(page);
        navButtons.forEach((each, button) -> {
            button.getStyleClass().remove(Styles.ACCENT);
            if (each == page) {
                button.getStyleClass().add(Styles.ACCENT);
            }
        });
        switch (page) {
            case POSTS -> postsModel.load();
            case SERVER -> serverModel.refresh();
            default -> { }
        }
        Platform.runLater(() -> {
            Node owner = getScene() == null ? null : getScene().getFocusOwner();
            if (owner == null || !isInside(owner, node)) {
                focusFirstIn(node);
            }
        });
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Focuses the control a page names as its first (its {@code initial-focus} property), else the first control in
     * reading order that takes the keyboard.
     */
    static boolean focusFirstIn(Node node) {
        if (node.getProperties().get("initial-focus") instanceof Node named && named.isVisible() && !named.isDisabled()) {
            named.requestFocus();
            return true;
        }
        if (!node.isVisible() || node.isDisabled()) {
            return false;
        }
        if (node.isFocusTraversable()) {
            node.requestFocus();
            return true;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (focusFirstIn(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String statusText() {
        Identity active = context.activeIdentity().get();
        String who = active == null ? "anonymous" : active.label();
        String expiry = "";
        if (active != null && active.tokens() != null && active.tokens().expiresAt() != null) {
            Duration left = Duration.between(context.now().get(), active.tokens().expiresAt());
            expiry = left.isNegative() ? " · token expired " + Durations.relative(left) + " ago"
                    : " · token expires in " + Durations.relative(left);
        } else if (active != null && !active.hasCredentials()) {
            expiry = " · logged out";
        }
        return context.serverUrl().get() + " (" + serverStatus.getText() + ") · as " + who + expiry;
    }

    /** Checks the server now, then every five seconds while it answers and every two while it does not. */
    /** Brings back the identities remembered for the window's server (the app calls it once, at start). */
    public void restoreRememberedLogins() {
        identitiesModel.restoreRemembered();
    }

    public void startServerChecks() {
        checksRunning = true;
        checkServer();
    }

    public void stopServerChecks() {
        checksRunning = false;
        nextCheck = Instant.MAX;
    }

    private void onTick(Instant now) {
        if (!checksRunning) {
            return;
        }
        if (!now.isBefore(nextCheck)) {
            checkServer();
        } else if (!reachable) {
            long seconds = Math.max(1, Duration.between(now, nextCheck).toSeconds() + 1);
            banner.setText(unreachableText() + " Trying again in " + seconds + " s.");
        }
    }

    private void checkServer() {
        String server = context.serverUrl().get();
        String path = context.probePath().get();
        nextCheck = Instant.MAX;
        probes.runQuietly(() -> context.probe().reach(server, path), reachability -> {
            if (server.equals(context.serverUrl().get())) {
                showReachability(reachability);
            }
            schedule();
        }, reason -> {
            showReachability(new ServerProbe.Reachability.Unreachable(reason));
            schedule();
        });
    }

    private void schedule() {
        if (checksRunning) {
            nextCheck = context.clock().instant().plus(reachable ? CHECK_WHILE_UP : CHECK_WHILE_DOWN);
        }
    }

    private void checkContract(String server) {
        if (server.equals(contractCheckedFor)) {
            return;
        }
        contractCheckedFor = server;
        identitiesModel.suggestTokenEndpoint();
        probes.runQuietly(() -> context.probe().speaksContract(server), speaks -> {
            if (server.equals(context.serverUrl().get())) {
                context.speaksContract().set(speaks);
            }
        }, reason -> { });
    }

    private String unreachableText() {
        String reason = lastReason == null ? "no answer" : lastReason;
        return "The server at " + context.serverUrl().get() + " cannot be reached: " + reason
                + (reason.matches(".*[.?!]$") ? "" : ".");
    }

    private void showReachability(ServerProbe.Reachability reachability) {
        serverStatus.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        switch (reachability) {
            case ServerProbe.Reachability.Reachable() -> {
                reachable = true;
                checkContract(context.serverUrl().get());
                serverStatus.setText("connected");
                serverStatus.getStyleClass().add(Styles.SUCCESS);
                bannerBox.setVisible(false);
            }
            case ServerProbe.Reachability.Unreachable(String reason) -> {
                reachable = false;
                lastReason = reason == null || reason.isBlank() ? "no answer" : reason.replaceAll("\\.$", "");
                serverStatus.setText("unreachable");
                serverStatus.getStyleClass().add(Styles.DANGER);
                banner.setText(unreachableText() + " Trying again in " + CHECK_WHILE_DOWN.toSeconds() + " s.");
                bannerBox.setVisible(true);
            }
        }
    }
}
