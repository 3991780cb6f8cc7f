package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.inspector.ClaimRow;
import io.tokenworkbench.client.inspector.Finding;
import io.tokenworkbench.client.inspector.TokenComparison;
import javafx.scene.control.TableRow;
import javafx.scene.control.TitledPane;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
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

    public InspectorView(InspectorViewModel model, SignViewModel sign) {
        this.model = model;
        setId("inspectorView");
        BorderPane inspect = createView();
        Tab inspectTab = new Tab("Inspect", inspect);
        inspectTab.setId("inspectTab");
        Tab signTab = new Tab("Sign", new SignPane(sign, () -> model.inputProperty().get()));
        signTab.setId("signTab");
        TabPane tabs = new TabPane(inspectTab, signTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    private BorderPane createView() {
        TextArea input = new TextArea();
        input.setId("tokenInput");
        input.setPromptText("Paste a JWT (with or without \"Bearer \")");
        input.setWrapText(true);
        input.setPrefRowCount(4);
        input.textProperty().bindBidirectional(model.inputProperty());

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
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());

        Label signature = new Label();
        signature.setId("signatureStatus");
        signature.setWrapText(true);
        signature.textProperty().bind(model.signatureTextProperty());
        model.signatureStateProperty().addListener((obs, old, state) -> colour(signature, state));

        ProgressBar expiry = new ProgressBar();
        expiry.setId("expiryBar");
        expiry.setPrefWidth(240);
        expiry.progressProperty().bind(model.expiryFractionProperty());
        expiry.visibleProperty().bind(model.expiryFractionProperty().greaterThanOrEqualTo(0));
        Label expiryText = new Label();
        expiryText.setId("expiryText");
        expiryText.textProperty().bind(model.expiryTextProperty());
        HBox expiryRow = new HBox(8, expiry, expiryText);

        TableView<ClaimRow> claims = new TableView<>(model.claims());
        claims.setId("claimsTable");
        claims.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        claims.getColumns().add(column("Claim", ClaimRow::name, 110));
        claims.getColumns().add(column("Value", ClaimRow::value, 260));
        claims.getColumns().add(column("Time (local · UTC · relative)", ClaimRow::time, 330));
        claims.getColumns().add(column("Meaning", ClaimRow::meaning, 300));

        ListView<Finding> findings = new ListView<>(model.findings());
        findings.setId("findingsList");
        findings.setPrefHeight(160);
        findings.setCellFactory(list -> new FindingCell());
        findings.setPlaceholder(new Label("No findings"));

        TabPane raw = new TabPane(tab("Header", "headerJson", model.headerJsonProperty()),
                tab("Payload", "payloadJson", model.payloadJsonProperty()), compareTab());
        raw.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        Label lintTitle = new Label("Lints");
        lintTitle.getStyleClass().add(Styles.TITLE_4);
        VBox lower = new VBox(8, claims, lintTitle, findings);
        VBox.setVgrow(claims, Priority.ALWAYS);
        SplitPane split = new SplitPane(lower, raw);
        split.setDividerPositions(0.62);

        VBox top = new VBox(8, input, keyPane, error, signature, expiryRow);
        BorderPane inspect = new BorderPane(split);
        inspect.setTop(top);
        BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        inspect.setPadding(new Insets(12));
        return inspect;
    }

    private Tab compareTab() {
        TextArea other = new TextArea();
        other.setId("compareInput");
        other.setPromptText("Paste a second token to compare with, claim by claim");
        other.setPrefRowCount(3);
        other.setWrapText(true);
        other.textProperty().bindBidirectional(model.compareInputProperty());
        Label summary = new Label();
        summary.setId("comparisonSummary");
        summary.textProperty().bind(model.comparisonTextProperty());
        TableView<TokenComparison.Row> table = new TableView<>(model.comparison());
        table.setId("comparisonTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(comparisonColumn("Part", TokenComparison.Row::part, 60));
        table.getColumns().add(comparisonColumn("Claim", TokenComparison.Row::name, 90));
        table.getColumns().add(comparisonColumn("This token", TokenComparison.Row::left, 150));
        table.getColumns().add(comparisonColumn("Other token", TokenComparison.Row::right, 150));
        table.setPlaceholder(new Label("Nothing to compare yet"));
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
        VBox box = new VBox(8, other, summary, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        Tab tab = new Tab("Compare", box);
        tab.setId("compareTab");
        return tab;
    }

    private static TableColumn<TokenComparison.Row, String> comparisonColumn(
            String title, Function<TokenComparison.Row, String> value, double width) {
        TableColumn<TokenComparison.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
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

    private static Tab tab(String title, String id, javafx.beans.value.ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        area.setStyle("-fx-font-family: monospace;");
        area.textProperty().bind(text);
        return new Tab(title, area);
    }

    private static TableColumn<ClaimRow, String> column(String title, Function<ClaimRow, String> value, double width) {
        TableColumn<ClaimRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
