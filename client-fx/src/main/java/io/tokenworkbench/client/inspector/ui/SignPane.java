package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.Recipe;
import io.tokenworkbench.client.inspector.Finding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Supplier;

/** The inspector's Sign tab: header and payload as JSON with live lints, a key or attack recipe, the tokens made. */
final class SignPane extends SplitPane {

    private final SignViewModel model;

    SignPane(SignViewModel model, Supplier<String> inspectedToken) {
        this.model = model;
        setId("signPane");
        createView(inspectedToken);
    }

    private void createView(Supplier<String> inspectedToken) {
        TextArea header = editor("signHeader", 5);
        header.textProperty().bindBidirectional(model.headerProperty());
        TextArea payload = editor("signPayload", 9);
        payload.textProperty().bindBidirectional(model.payloadProperty());
        Button startFrom = new Button("Start from the inspected token");
        startFrom.setId("startFromInspected");
        startFrom.setOnAction(event -> model.startFrom(inspectedToken.get()));
        ListView<Finding> lints = new ListView<>(model.lints());
        lints.setId("signLints");
        lints.setPrefHeight(110);
        lints.setPlaceholder(new Label("No findings on the token as written"));
        lints.setCellFactory(list -> new FindingCell());
        VBox draft = new VBox(6, new HBox(8, title("Header"), startFrom), header, title("Payload"), payload,
                title("Lints, live"), lints);
        VBox.setVgrow(payload, Priority.ALWAYS);

        ComboBox<SignViewModel.KeySource> source = new ComboBox<>(FXCollections.observableArrayList(
                SignViewModel.KeySource.values()));
        source.setId("keySourceChoice");
        source.valueProperty().bindBidirectional(model.keySourceProperty());
        TextField algorithm = new TextField();
        algorithm.setId("signAlgorithm");
        algorithm.setPromptText("alg");
        algorithm.setPrefColumnCount(6);
        algorithm.setTooltip(new javafx.scene.control.Tooltip("The JWS algorithm, e.g. HS256, RS384, ES256; blank: "
                + "the header's, when the key can sign it, else the key's own"));
        algorithm.textProperty().bindBidirectional(model.algorithmProperty());
        TextArea key = editor("signKey", 4);
        key.setPromptText("the HMAC secret, a PEM private key or a private JWK");
        key.textProperty().bindBidirectional(model.keyTextProperty());
        ComboBox<Recipe> recipe = new ComboBox<>(FXCollections.observableArrayList(Recipe.values()));
        recipe.setId("recipeChoice");
        recipe.valueProperty().bindBidirectional(model.recipeProperty());
        recipe.setMaxWidth(Double.MAX_VALUE);
        TextField jku = new TextField();
        jku.setId("jkuUrl");
        jku.textProperty().bindBidirectional(model.jkuUrlProperty());
        jku.setPromptText("where the attacker's key set is published");
        Runnable showKeyInputs = () -> {
            SignViewModel.KeySource chosen = model.keySourceProperty().get();
            boolean pasted = chosen == SignViewModel.KeySource.SECRET || chosen == SignViewModel.KeySource.PEM
                    || chosen == SignViewModel.KeySource.JWK;
            show(key, pasted);
            show(recipe, chosen == SignViewModel.KeySource.RECIPE);
            show(jku, chosen == SignViewModel.KeySource.RECIPE && model.recipeProperty().get().needsUrl());
            show(algorithm, chosen != SignViewModel.KeySource.RECIPE);
        };
        model.keySourceProperty().addListener((obs, old, now) -> showKeyInputs.run());
        model.recipeProperty().addListener((obs, old, now) -> showKeyInputs.run());
        showKeyInputs.run();
        Button sign = new Button("Sign");
        sign.setId("signButton");
        sign.getStyleClass().add(Styles.ACCENT);
        sign.disableProperty().bind(model.busyProperty());
        sign.setOnAction(event -> model.sign());
        sign.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("signMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        TextArea publicKey = editor("generatedPublicKey", 3);
        publicKey.setEditable(false);
        publicKey.textProperty().bind(model.publicKeyProperty());
        show(publicKey, false);
        model.publicKeyProperty().addListener((obs, old, now) -> show(publicKey, !now.isEmpty()));

        ListView<Forgery.Forged> results = new ListView<>(model.results());
        results.setId("signResults");
        results.setPlaceholder(new Label("Sign to make a token"));
        results.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Forgery.Forged forged, boolean empty) {
                super.updateItem(forged, empty);
                setText(empty || forged == null ? null : forged.label() + "\n" + forged.token());
                setWrapText(false);
            }
        });
        model.results().addListener((javafx.collections.ListChangeListener<Forgery.Forged>) change -> {
            if (!model.results().isEmpty()) {
                results.getSelectionModel().selectFirst();
            }
        });
        Button copy = new Button("Copy");
        copy.setId("copySigned");
        copy.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        copy.setOnAction(event -> model.copy(results.getSelectionModel().getSelectedItem()));
        Button add = new Button("Add as identity");
        add.setId("addSignedIdentity");
        add.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(event -> model.addAsIdentity(results.getSelectionModel().getSelectedItem()));
        HBox keyRow = new HBox(8, source, algorithm, sign);
        source.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        keyRow.setAlignment(Pos.CENTER_LEFT);
        HBox resultActions = new HBox(8, copy, add);
        VBox signing = new VBox(6, title("Signed with"), keyRow, key, recipe, jku, publicKey, message,
                title("Tokens made"), results, resultActions);
        VBox.setVgrow(results, Priority.ALWAYS);

        draft.setPadding(new Insets(8));
        signing.setPadding(new Insets(8));
        getItems().addAll(draft, signing);
        setDividerPositions(0.5);
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_4);
        return label;
    }

    private static TextArea editor(String id, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPrefRowCount(rows);
        area.setWrapText(true);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }
}
