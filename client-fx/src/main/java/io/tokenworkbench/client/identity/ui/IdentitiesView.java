package io.tokenworkbench.client.identity.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.TimelineEvent;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The identities page: log in, paste a token, pick the active identity, refresh, log out, see the timeline. */
public final class IdentitiesView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IdentitiesViewModel model;

    public IdentitiesView(IdentitiesViewModel model) {
        this.model = model;
        setId("identitiesView");
        createView();
    }

    private void createView() {
        TextField username = new TextField();
        username.setId("usernameField");
        username.setPromptText("username");
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.setPromptText("password (used once, never stored)");
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField scope = new TextField();
        scope.setId("scopeField");
        scope.setPromptText("scope (optional), e.g. posts:read");
        scope.textProperty().bindBidirectional(model.scopeProperty());
        Button login = new Button("Log in");
        login.setId("loginButton");
        login.getStyleClass().add(Styles.ACCENT);
        login.setDefaultButton(true);
        login.disableProperty().bind(model.canLoginProperty().not());
        login.setOnAction(event -> model.login());
        Button demo = new Button("Add demo identities");
        demo.setId("demoButton");
        demo.disableProperty().bind(model.busyProperty());
        demo.setOnAction(event -> model.addDemoIdentities());

        TextField raw = new TextField();
        raw.setId("rawTokenField");
        raw.setPromptText("or paste an access token");
        raw.textProperty().bindBidirectional(model.rawTokenProperty());
        Button useRaw = new Button("Use token");
        useRaw.setId("useRawTokenButton");
        useRaw.setOnAction(event -> model.useRawToken());

        GridPane form = new GridPane(8, 8);
        form.addRow(0, new Label("Username"), username, new Label("Password"), password);
        form.addRow(1, new Label("Scope"), scope, login, demo);
        form.addRow(2, new Label("Raw token"), raw, useRaw);
        GridPane.setColumnSpan(raw, 1);
        GridPane.setHgrow(username, Priority.ALWAYS);
        GridPane.setHgrow(password, Priority.ALWAYS);

        Label message = new Label();
        message.setId("identityMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        ListView<Identity> list = new ListView<>(model.identities());
        list.setId("identityList");
        list.setPlaceholder(new Label("No identities yet: log in or add the demo identities"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Identity identity, boolean empty) {
                super.updateItem(identity, empty);
                if (empty || identity == null) {
                    setText(null);
                    return;
                }
                boolean isActive = model.activeProperty().get() != null
                        && model.activeProperty().get().id().equals(identity.id());
                setText((isActive ? "● " : "   ") + identity.label() + (identity.tokens() == null ? "  (logged out)"
                        : identity.isRawToken() ? "  (raw token)" : ""));
            }
        });
        model.activeProperty().addListener((obs, old, now) -> list.refresh());

        ListView<TimelineEvent> timeline = new ListView<>();
        timeline.setId("timelineList");
        timeline.setPlaceholder(new Label("Select an identity to see its timeline"));
        timeline.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineEvent event, boolean empty) {
                super.updateItem(event, empty);
                setText(empty || event == null ? null
                        : TIME.format(event.at()) + "  " + event.kind() + "  " + event.detail());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) ->
                timeline.setItems(selected == null ? FXCollections.observableArrayList()
                        : FXCollections.observableArrayList(selected.timeline())));
        model.identities().addListener((javafx.collections.ListChangeListener<Identity>) change -> {
            Identity selected = list.getSelectionModel().getSelectedItem();
            timeline.setItems(selected == null ? FXCollections.observableArrayList()
                    : FXCollections.observableArrayList(selected.timeline()));
        });

        Button activate = action("Make active", "activateButton", list, identity -> model.activeProperty().set(identity));
        Button refresh = action("Refresh", "refreshButton", list, model::refresh);
        Button logout = action("Log out", "logoutButton", list, model::logout);
        Button remember = action("Remember", "rememberButton", list, model::remember);
        Button remove = action("Remove", "removeButton", list, model::remove);
        CheckBox auto = new CheckBox("Refresh automatically before expiry");
        auto.setId("autoRefreshCheck");
        auto.selectedProperty().bindBidirectional(model.autoRefreshProperty());
        HBox actions = new HBox(8, activate, refresh, logout, remember, remove, auto);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label timelineTitle = new Label("Timeline");
        timelineTitle.getStyleClass().add(Styles.TITLE_4);
        VBox center = new VBox(8, list, actions, timelineTitle, timeline);
        VBox.setVgrow(list, Priority.ALWAYS);
        setTop(new VBox(8, form, message));
        setCenter(center);
        BorderPane.setMargin(center, new Insets(12, 0, 0, 0));
        setPadding(new Insets(12));
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
