package io.tokenworkbench.client.identity.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentitySummary;
import io.tokenworkbench.client.identity.TimelineEvent;
import io.tokenworkbench.client.support.ui.TextColumns;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The identities page: obtain an identity any way an API offers (the form changes with the way chosen), pick the
 * active one, refresh, log out, see the timeline.
 */
public final class IdentitiesView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IdentitiesViewModel model;

    public IdentitiesView(IdentitiesViewModel model) {
        this.model = model;
        setId("identitiesView");
        createView();
    }

    private void createView() {
        ComboBox<IdentitiesViewModel.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(
                IdentitiesViewModel.Kind.values()));
        kind.setId("kindChoice");
        kind.valueProperty().bindBidirectional(model.kindProperty());
        TextField endpoint = field("tokenEndpointField", "e.g. /token (blank: the one the server's metadata names, "
                + "else /v1/auth/token)",
                model.tokenEndpointProperty());
        TextField username = field("usernameField", "username", model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField scope = field("scopeField", "scope (optional), e.g. posts:read", model.scopeProperty());
        TextField clientId = field("clientIdField", "client id", model.clientIdProperty());
        TextField authorizationEndpoint = field("authorizationEndpointField", "blank: the one the server's metadata "
                + "names", model.authorizationEndpointProperty());
        CheckBox secretInForm = new CheckBox("Send the secret in the form, not as Basic");
        secretInForm.setId("secretInFormCheck");
        secretInForm.selectedProperty().bindBidirectional(model.secretInFormProperty());
        TextField loginMethod = field("loginMethodField", "POST", model.loginMethodProperty());
        loginMethod.setPrefColumnCount(5);
        TextField loginPath = field("loginPathField", "/auth/login", model.loginPathProperty());
        TextArea loginBody = new TextArea();
        loginBody.setId("loginBodyField");
        loginBody.setPrefRowCount(2);
        loginBody.setWrapText(true);
        loginBody.textProperty().bindBidirectional(model.loginBodyProperty());
        TextField tokenAt = field("tokenAtField", "/access_token, header:Authorization or cookie:token",
                model.tokenAtProperty());
        TextField csrfAt = field("csrfAtField", "blank: look in the answer", model.csrfAtProperty());
        csrfAt.setPrefColumnCount(12);
        HBox.setHgrow(csrfAt, javafx.scene.layout.Priority.ALWAYS);
        TextField csrfHeader = field("csrfHeaderField", "X-CSRF-Token", model.csrfHeaderProperty());
        csrfHeader.setPrefColumnCount(9);
        ComboBox<String> keyIn = new ComboBox<>(FXCollections.observableArrayList("header", "query"));
        keyIn.setId("keyInChoice");
        keyIn.setValue(model.keyInQueryProperty().get() ? "query" : "header");
        keyIn.valueProperty().addListener((obs, old, where) -> model.keyInQueryProperty().set("query".equals(where)));
        TextField keyName = field("keyNameField", "X-API-Key", model.keyNameProperty());
        TextField raw = field("rawTokenField", "paste an access token", model.rawTokenProperty());
        Button login = new Button("Log in");
        login.setId("loginButton");
        login.getStyleClass().add(Styles.ACCENT);
        login.setDefaultButton(true);
        login.disableProperty().bind(model.canLoginProperty().not());
        login.setOnAction(event -> model.login());
        Button useRaw = new Button("Use token");
        useRaw.setId("useRawTokenButton");
        useRaw.setOnAction(event -> model.useRawToken());
        Button demo = new Button("Add demo identities");
        demo.setId("demoButton");
        demo.disableProperty().bind(model.busyProperty());
        demo.visibleProperty().bind(model.demoAvailableProperty());
        demo.managedProperty().bind(demo.visibleProperty());
        demo.setOnAction(event -> model.addDemoIdentities());
        demo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        GridPane form = new GridPane(8, 8);
        Runnable layOut = () -> {
            form.getChildren().clear();
            IdentitiesViewModel.Kind chosen = model.kindProperty().get();
            form.addRow(0, new Label("How"), kind, demo);
            int row = 1;
            switch (chosen) {
                case PASSWORD -> {
                    form.addRow(row++, new Label("Token endpoint"), endpoint);
                    form.addRow(row++, new Label("Username"), username);
                    form.addRow(row++, new Label("Password"), password);
                    form.addRow(row++, new Label("Scope"), scope);
                    password.setPromptText("password (used once, never stored)");
                }
                case CLIENT -> {
                    form.addRow(row++, new Label("Token endpoint"), endpoint);
                    form.addRow(row++, new Label("Client id"), clientId);
                    form.addRow(row++, new Label("Client secret"), password, secretInForm);
                    form.addRow(row++, new Label("Scope"), scope);
                    password.setPromptText("client secret (kept in memory to renew the token)");
                }
                case CUSTOM, SESSION -> {
                    form.addRow(row++, new Label("Request"), new HBox(8, loginMethod, loginPath));
                    form.addRow(row++, new Label("Body"), loginBody);
                    if (chosen == IdentitiesViewModel.Kind.CUSTOM) {
                        form.addRow(row++, new Label("Token is at"), tokenAt);
                    } else {
                        form.addRow(row++, new Label("CSRF token is at"), new HBox(8, csrfAt, csrfHeader));
                    }
                    form.addRow(row++, new Label("Username"), username);
                    form.addRow(row++, new Label("Password"), password);
                    password.setPromptText("fills ${password} (used once, never stored)");
                }
                case API_KEY -> {
                    form.addRow(row++, new Label("Sent in the"), new HBox(8, keyIn, keyName));
                    form.addRow(row++, new Label("Key"), password);
                    password.setPromptText("the API key (kept in memory)");
                }
                case BASIC -> {
                    form.addRow(row++, new Label("Username"), username);
                    form.addRow(row++, new Label("Password"), password);
                    password.setPromptText("password (kept in memory: Basic sends it on every request)");
                }
                case TOKEN -> form.addRow(row++, new Label("Token"), raw);
                case BROWSER -> {
                    form.addRow(row++, new Label("Authorization endpoint"), authorizationEndpoint);
                    form.addRow(row++, new Label("Token endpoint"), endpoint);
                    form.addRow(row++, new Label("Client id"), clientId);
                    form.addRow(row++, new Label("Scope"), scope);
                    clientId.setPromptText("client id (blank: " + IdentitiesViewModel.DEFAULT_CLIENT_ID + ")");
                }
            }
            form.add(chosen == IdentitiesViewModel.Kind.TOKEN ? useRaw : login, 1, row);
            if (chosen == IdentitiesViewModel.Kind.PASSWORD || chosen == IdentitiesViewModel.Kind.CLIENT) {
                model.suggestTokenEndpoint();
            }
        };
        model.kindProperty().addListener((obs, old, chosen) -> layOut.run());
        layOut.run();
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);

        Label message = new Label();
        message.setId("identityMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        ListView<Identity> list = new ListView<>(model.identities());
        list.setId("identityList");
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(model.demoAvailableProperty())
                .then("No identities yet: obtain one above, or add the demo identities")
                .otherwise("No identities yet: obtain one above"));
        list.setPlaceholder(empty);
        list.setCellFactory(view -> new IdentityCell());
        model.activeProperty().addListener((obs, old, now) -> list.refresh());
        model.rememberedIds().addListener((javafx.collections.MapChangeListener<String, String>) change ->
                list.refresh());
        list.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                model.activate(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                model.activate(list.getSelectionModel().getSelectedItem());
            }
        });
        model.identities().addListener((javafx.collections.ListChangeListener<Identity>) change -> {
            while (change.next()) {
                if (change.wasAdded() && !change.wasReplaced()) {
                    Identity added = change.getAddedSubList().getLast();
                    javafx.application.Platform.runLater(() -> {
                        list.getSelectionModel().select(added);
                        list.scrollTo(added);
                    });
                }
            }
        });

        ListView<TimelineEvent> timeline = new ListView<>();
        timeline.setId("timelineList");
        timeline.setPlaceholder(new Label("Select an identity to see its timeline"));
        timeline.setCellFactory(TextColumns.listCells(event -> TIME.format(event.at()) + "  " + event.kind() + "  "
                + event.detail()));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) ->
                timeline.setItems(selected == null ? FXCollections.observableArrayList()
                        : FXCollections.observableArrayList(selected.timeline())));
        model.identities().addListener((javafx.collections.ListChangeListener<Identity>) change -> {
            Identity selected = list.getSelectionModel().getSelectedItem();
            timeline.setItems(selected == null ? FXCollections.observableArrayList()
                    : FXCollections.observableArrayList(selected.timeline()));
        });

        Button activate = action("Make active", "activateButton", list, model::activate);
        Button refresh = action("Refresh", "refreshButton", list, model::refresh);
        Button logout = action("Log out", "logoutButton", list, model::logout);
        Button remember = action("Remember", "rememberButton", list, identity -> {
            if (model.isRemembered(identity)) {
                model.forget(identity);
            } else {
                model.remember(identity);
            }
        });
        remember.textProperty().bind(Bindings.createStringBinding(() ->
                        model.isRemembered(list.getSelectionModel().getSelectedItem()) ? "Forget" : "Remember",
                list.getSelectionModel().selectedItemProperty(), model.rememberedIds()));
        remember.disableProperty().unbind();
        remember.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Identity selected = list.getSelectionModel().getSelectedItem();
            return selected == null || !model.isRemembered(selected) && !model.canRemember(selected);
        }, list.getSelectionModel().selectedItemProperty(), model.rememberedIds()));
        remember.setTooltip(new Tooltip("Keeps the identity's refresh token (never a password) so that it comes back "
                + "when the workbench starts; identities without a refresh token cannot be remembered"));
        Button remove = action("Remove", "removeButton", list, model::remove);
        CheckBox auto = new CheckBox("Refresh automatically before expiry");
        auto.setId("autoRefreshCheck");
        auto.selectedProperty().bindBidirectional(model.autoRefreshProperty());
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, activate, refresh, logout,
                remember, remove, auto);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label timelineTitle = new Label("Timeline");
        timelineTitle.getStyleClass().add(Styles.TITLE_4);
        VBox identitiesBox = new VBox(8, list, actions);
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox timelineBox = new VBox(8, timelineTitle, timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        timelineBox.setPadding(new Insets(0, 0, 0, 8));
        javafx.scene.control.SplitPane center = new javafx.scene.control.SplitPane(identitiesBox, timelineBox);
        center.setDividerPositions(0.62);
        setTop(new VBox(8, form, message));
        getProperties().put("initial-focus", kind);
        setCenter(center);
        BorderPane.setMargin(center, new Insets(12, 0, 0, 0));
        setPadding(new Insets(12));
    }

    /**
     * A list row: a dot for the active identity, its name, and a second line of how, claims, expiry and whether its
     * login is remembered. The row follows the clock itself, so the list is not rebuilt every second.
     */
    private final class IdentityCell extends ListCell<Identity> {
        private final Label name = new Label();
        private final Text details = new Text();
        private final VBox lines = new VBox(2, name, details);
        private final InvalidationListener tick = observable -> show(getItem());

        IdentityCell() {
            setPrefWidth(0);
            name.getStyleClass().add(Styles.TEXT_BOLD);
            details.getStyleClass().add("text");
            details.wrappingWidthProperty().bind(widthProperty().subtract(40));
            model.nowProperty().addListener(new WeakInvalidationListener(tick));
        }

        @Override
        protected void updateItem(Identity identity, boolean empty) {
            super.updateItem(identity, empty);
            setText(null);
            if (empty || identity == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            show(identity);
            setGraphic(lines);
        }

        private void show(Identity identity) {
            if (identity == null || isEmpty()) {
                return;
            }
            boolean isActive = model.isActive(identity);
            IdentitySummary summary = model.summaryOf(identity);
            name.setText((isActive ? "● " : "") + identity.label() + (isActive ? "  (active)" : ""));
            details.setText(summary.line() + " · " + identity.origin()
                    + (model.isRemembered(identity) ? " · remembered" : ""));
            details.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.WARNING, Styles.DANGER);
            details.getStyleClass().add(switch (summary.state()) {
                case USABLE -> Styles.TEXT_MUTED;
                case EXPIRING -> Styles.WARNING;
                case EXPIRED, WITHOUT_CREDENTIALS -> Styles.DANGER;
            });
            String tip = identity.label() + "\n" + summary.line() + "\n" + identity.origin()
                    + "\nDouble-click or Enter makes it active";
            if (getTooltip() == null) {
                setTooltip(new Tooltip(tip));
            } else {
                getTooltip().setText(tip);
            }
        }
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Button action(String text, String id, ListView<Identity> list,
                                 java.util.function.Consumer<Identity> command) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        button.setOnAction(event -> command.accept(list.getSelectionModel().getSelectedItem()));
        return button;
    }
}
