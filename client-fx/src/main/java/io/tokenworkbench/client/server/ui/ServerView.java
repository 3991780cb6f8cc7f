package io.tokenworkbench.client.server.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.server.ServerDiscovery;
import io.tokenworkbench.client.support.ui.TextColumns;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** The server page: RFC 8414 metadata and the JWKS's keys. */
public final class ServerView extends VBox {

    public ServerView(ServerViewModel model) {
        setId("serverPage");
        setSpacing(10);
        setPadding(new Insets(16));
        Label title = new Label("Server discovery");
        title.getStyleClass().add(Styles.TITLE_3);
        Button refresh = new Button("Discover");
        refresh.setId("discoverServer");
        refresh.getStyleClass().add(Styles.ACCENT);
        refresh.disableProperty().bind(model.busyProperty());
        refresh.setOnAction(event -> model.refresh());
        Label summary = new Label();
        summary.setId("serverSummary");
        summary.textProperty().bind(model.summaryProperty());
        javafx.scene.control.TextField probe = new javafx.scene.control.TextField();
        probe.setId("probePath");
        probe.setPrefColumnCount(10);
        probe.setText(model.probePathProperty().get());
        probe.setTooltip(new javafx.scene.control.Tooltip("The path the workbench asks every few seconds to tell "
                + "whether the server is up; any HTTP answer, even 404, means it is"));
        probe.setOnAction(event -> model.probePathProperty().set(probe.getText().isBlank() ? "/"
                : probe.getText().strip().startsWith("/") ? probe.getText().strip() : "/" + probe.getText().strip()));
        probe.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                probe.getOnAction().handle(null);
            }
        });
        model.probePathProperty().addListener((obs, old, path) -> probe.setText(path));
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label probeLabel = new Label("Probe path");
        probeLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        probe.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox titleRow = new HBox(12, title, refresh, gap, probeLabel, probe);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(8, titleRow, summary);
        getProperties().put("initial-focus", refresh);

        Label problems = new Label();
        problems.setId("serverProblems");
        problems.setWrapText(true);
        problems.getStyleClass().add(Styles.DANGER);
        problems.textProperty().bind(model.problemsProperty());
        problems.managedProperty().bind(problems.textProperty().isNotEmpty());
        problems.visibleProperty().bind(problems.managedProperty());

        TableView<ServerDiscovery.Entry> metadata = new TableView<>(model.metadata());
        metadata.setId("metadataTable");
        metadata.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        metadata.getColumns().add(TextColumns.of("Metadata (RFC 8414)", ServerDiscovery.Entry::name, 280, true));
        metadata.getColumns().add(TextColumns.of("Value", ServerDiscovery.Entry::value, 560));
        metadata.setPlaceholder(new Label("Press Discover to read /.well-known/oauth-authorization-server or "
                + "/.well-known/openid-configuration"));

        TableView<ServerDiscovery.KeyInfo> keys = new TableView<>(model.keys());
        keys.setId("keysTable");
        keys.setPrefHeight(180);
        keys.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        keys.getColumns().add(TextColumns.of("kid", ServerDiscovery.KeyInfo::kid, 320));
        keys.getColumns().add(TextColumns.of("kty", ServerDiscovery.KeyInfo::type, 70));
        keys.getColumns().add(TextColumns.of("alg", ServerDiscovery.KeyInfo::algorithm, 80));
        keys.getColumns().add(TextColumns.of("use", ServerDiscovery.KeyInfo::use, 60));
        keys.getColumns().add(TextColumns.of("size", ServerDiscovery.KeyInfo::size, 100));
        keys.setPlaceholder(new Label("No keys read yet"));
        Label keysTitle = new Label("Public keys (JWKS)");
        keysTitle.getStyleClass().add(Styles.TITLE_4);

        getChildren().addAll(bar, problems, metadata, keysTitle, keys);
        VBox.setVgrow(metadata, Priority.ALWAYS);
    }
}
