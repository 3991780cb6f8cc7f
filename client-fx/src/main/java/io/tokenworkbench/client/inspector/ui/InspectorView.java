package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.inspector.ClaimRow;
import io.tokenworkbench.client.inspector.Finding;
import io.tokenworkbench.client.inspector.TokenComparison;
import io.tokenworkbench.client.support.ui.TextColumns;
import javafx.scene.control.TableRow;
import javafx.scene.control.TitledPane;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * The token inspector: paste a JWT, see its parts, claims, expiry, signature status and lints (the Inspect tab); write
 * and sign or forge one (the Sign tab).
 */
public final class InspectorView extends BorderPane {

    private final InspectorViewModel model;

    /** jwt.io's colours for the three parts, so that the picture matches what people know. */
    static final String HEADER_COLOUR = "#e5004f";
    static final String PAYLOAD_COLOUR = "#b620e0";
    static final String SIGNATURE_COLOUR = "#0095c8";

    private final javafx.collections.ObservableList<io.tokenworkbench.client.identity.Identity> identities;

    public InspectorView(InspectorViewModel model, SignViewModel sign,
                         javafx.collections.ObservableList<io.tokenworkbench.client.identity.Identity> identities) {
        this.model = model;
        this.identities = identities;
        setId("inspectorView");
        BorderPane inspect = createView();
        Tab inspectTab = new Tab("Inspect", inspect);
        inspectTab.setId("inspectTab");
        Tab signTab = new Tab("Sign", new SignPane(sign, () -> model.inputProperty().get()));
        signTab.setId("signTab");
        Tab cookiesTab = new Tab("Cookies", new CookiesPane(identities, model.nowProperty()));
        cookiesTab.setId("cookiesTab");
        TabPane tabs = new TabPane(inspectTab, signTab, cookiesTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    private BorderPane createView() {
        TextArea input = new TextArea();
        input.setId("tokenInput");
        getProperties().put("initial-focus", input);
        input.setPromptText("Paste a JWT (with or without \"Bearer \")");
        input.setWrapText(true);
        input.setPrefRowCount(2);
        input.textProperty().bindBidirectional(model.inputProperty());

        javafx.scene.text.TextFlow parts = new javafx.scene.text.TextFlow();
        parts.setId("tokenParts");
        parts.setStyle("-fx-font-family: monospace;");
        model.partsProperty().addListener((obs, old, now) -> parts.getChildren().setAll(coloured(now)));
        javafx.scene.control.ScrollPane partsPane = new javafx.scene.control.ScrollPane(parts);
        partsPane.setId("tokenPartsPane");
        partsPane.setFitToWidth(true);
        partsPane.setMaxHeight(64);
        partsPane.setPrefViewportHeight(60);
        partsPane.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(parts.getChildren()));
        partsPane.visibleProperty().bind(partsPane.managedProperty());

        TextArea key = new TextArea();
        key.setId("verificationKey");
        key.setPromptText("HS secret, PEM public key, JWK or JWKS (blank: the server's JWKS)");
        key.setPrefRowCount(2);
        key.setWrapText(true);
        key.textProperty().bindBidirectional(model.verificationKeyProperty());
        TitledPane keyPane = new TitledPane("Verify with a key of your own", key);
        keyPane.setId("verificationKeyPane");
        keyPane.setExpanded(false);

        Label error = new Label();
        error.setId("decodeError");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());

        Label signature = new Label();
        signature.setId("signatureStatus");
        signature.setWrapText(true);
        signature.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        signature.textProperty().bind(model.signatureTextProperty());
        signature.managedProperty().bind(signature.textProperty().isNotEmpty());
        signature.visibleProperty().bind(signature.managedProperty());
        model.signatureStateProperty().addListener((obs, old, state) -> colour(signature, state));

        ProgressBar expiry = new ProgressBar();
        expiry.setId("expiryBar");
        expiry.setPrefWidth(200);
        expiry.progressProperty().bind(model.expiryFractionProperty());
        expiry.visibleProperty().bind(model.expiryFractionProperty().greaterThanOrEqualTo(0));
        Label expiryText = new Label();
        expiryText.setId("expiryText");
        expiryText.textProperty().bind(model.expiryTextProperty());
        HBox expiryRow = new HBox(8, expiry, expiryText);
        expiryRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        expiryRow.managedProperty().bind(expiryText.textProperty().isNotEmpty());
        expiryRow.visibleProperty().bind(expiryRow.managedProperty());

        TableView<ClaimRow> claims = new TableView<>(model.claims());
        claims.setId("claimsTable");
        claims.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        claims.getColumns().add(TextColumns.of("Claim", ClaimRow::name, 120, true));
        claims.getColumns().add(TextColumns.of("Value", ClaimRow::value, 280));
        claims.getColumns().add(TextColumns.of("When · meaning", row -> row.time().isEmpty() ? row.meaning()
                : row.time() + (row.meaning().isEmpty() ? "" : "\n" + row.meaning()), 360));
        claims.setPlaceholder(new Label("Paste a token above to see its claims"));

        ListView<Finding> findings = new ListView<>(model.findings());
        findings.setId("findingsList");
        findings.setCellFactory(list -> new FindingCell());
        findings.setPlaceholder(new Label("No findings: nothing in this token worries the linter"));

        Tab claimsTab = new Tab("Claims", claims);
        claimsTab.setId("claimsTab");
        Tab lintsTab = new Tab("Lints", findings);
        lintsTab.setId("lintsTab");
        model.findings().addListener((javafx.collections.ListChangeListener<Finding>) change -> {
            long critical = model.findings().stream().filter(f -> f.severity() == Finding.Severity.CRITICAL).count();
            lintsTab.setText("Lints (" + model.findings().size() + (critical > 0 ? ", " + critical + " critical" : "")
                    + ")");
            lintsTab.setStyle(critical > 0 ? "-fx-text-base-color: -color-danger-fg;" : "");
        });
        Tab header = tab("Header", "headerJson", model.headerJsonProperty(), HEADER_COLOUR);
        Tab payload = tab("Payload", "payloadJson", model.payloadJsonProperty(), PAYLOAD_COLOUR);
        TabPane lower = new TabPane(claimsTab, lintsTab, header, payload, compareTab());
        lower.setId("inspectorTabs");
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        VBox top = new VBox(8, input, partsPane, keyPane, error, signature, expiryRow);
        BorderPane inspect = new BorderPane(lower);
        inspect.setTop(top);
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        inspect.setPadding(new Insets(12));
        return inspect;
    }

    /** The compact token in three colours, with a dot between the parts. */
    private static java.util.List<javafx.scene.text.Text> coloured(java.util.List<String> parts) {
        if (parts.size() != 3) {
            return java.util.List.of();
        }
        String[] colours = {HEADER_COLOUR, PAYLOAD_COLOUR, SIGNATURE_COLOUR};
        java.util.List<javafx.scene.text.Text> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            javafx.scene.text.Text part = new javafx.scene.text.Text(parts.get(i).isEmpty() && i == 2
                    ? "(no signature)" : parts.get(i));
            part.setFill(javafx.scene.paint.Color.web(colours[i]));
            part.setId(new String[] {"headerPart", "payloadPart", "signaturePart"}[i]);
            texts.add(part);
            if (i < 2) {
                texts.add(new javafx.scene.text.Text("."));
            }
        }
        return texts;
    }

    private Tab compareTab() {
        TextArea other = new TextArea();
        other.setId("compareInput");
        other.setPromptText("Paste a second token to compare with, claim by claim");
        other.setPrefRowCount(3);
        other.setWrapText(true);
        other.textProperty().bindBidirectional(model.compareInputProperty());
        javafx.scene.control.ComboBox<io.tokenworkbench.client.identity.Identity> withIdentity =
                new javafx.scene.control.ComboBox<>(identities);
        withIdentity.setId("compareWithIdentity");
        withIdentity.setPromptText("…or an identity's token");
        withIdentity.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(io.tokenworkbench.client.identity.Identity identity) {
                return identity == null ? "" : identity.label();
            }

            @Override
            public io.tokenworkbench.client.identity.Identity fromString(String text) {
                return null;
            }
        });
        withIdentity.valueProperty().addListener((obs, old, identity) -> {
            if (identity != null && identity.tokens() != null) {
                model.compareInputProperty().set(identity.tokens().accessToken());
            }
        });
        javafx.scene.control.CheckBox onlyDifferences = new javafx.scene.control.CheckBox("Only differences");
        onlyDifferences.setId("onlyDifferencesCheck");
        onlyDifferences.selectedProperty().bindBidirectional(model.onlyDifferencesProperty());
        Label summary = new Label();
        summary.setId("comparisonSummary");
        summary.textProperty().bind(model.comparisonTextProperty());
        HBox options = new HBox(12, withIdentity, onlyDifferences, summary);
        options.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TableView<TokenComparison.Row> table = new TableView<>(model.comparison());
        table.setId("comparisonTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(TextColumns.of("Part", TokenComparison.Row::part, 70));
        table.getColumns().add(TextColumns.of("Claim", TokenComparison.Row::name, 110, true));
        table.getColumns().add(TextColumns.of("This token", TokenComparison.Row::left, 220));
        table.getColumns().add(TextColumns.of("Other token", TokenComparison.Row::right, 220));
        table.setPlaceholder(new Label("Nothing to compare yet: paste a second token or pick an identity"));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(TokenComparison.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("comparison-changed", "comparison-same");
                setStyle(empty || row == null || row.difference() == TokenComparison.Difference.SAME ? ""
                        : "-fx-background-color: -color-warning-subtle;");
                if (!empty && row != null) {
                    getStyleClass().add(row.difference() == TokenComparison.Difference.SAME
                            ? "comparison-same" : "comparison-changed");
                }
            }
        });
        VBox box = new VBox(8, other, options, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        Tab tab = new Tab("Compare", box);
        tab.setId("compareTab");
        return tab;
    }

    private static void colour(Label label, InspectorViewModel.SignatureState state) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
        switch (state) {
            case VERIFIED -> label.getStyleClass().add(Styles.SUCCESS);
            case INVALID, UNSIGNED -> label.getStyleClass().add(Styles.DANGER);
            case NO_KEY -> label.getStyleClass().add(Styles.WARNING);
            case NONE, CHECKING -> { }
        }
    }

    private static Tab tab(String title, String id, javafx.beans.value.ObservableValue<String> text, String colour) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setStyle("-fx-font-family: monospace; -fx-text-fill: " + colour + ";");
        area.textProperty().bind(text);
        Tab tab = new Tab(title, area);
        javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(10, 10,
                javafx.scene.paint.Color.web(colour));
        tab.setGraphic(swatch);
        return tab;
    }
}
