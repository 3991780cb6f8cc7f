package io.tokenworkbench.client.inspector.ui;

import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.inspector.CookieLinter;
import io.tokenworkbench.client.inspector.Finding;
import io.tokenworkbench.client.support.ui.TextColumns;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The cookies of an identity's session (the ones its login set, as they are sent): each cookie's flags and expiry,
 * and what the {@link CookieLinter} finds wrong with them. Reading them touches no network and no disk.
 */
final class CookiesPane extends BorderPane {

    private final CookieLinter linter = new CookieLinter();
    private final ComboBox<Identity> identity;
    private final ObservableList<CookieLinter.Report> reports = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObjectProperty<Instant> now;
    private final TableView<CookieLinter.Report> table = new TableView<>(reports);

    CookiesPane(ObservableList<Identity> identities, ObjectProperty<Instant> now) {
        this.now = now;
        setId("cookiesPane");
        setPadding(new Insets(8));
        FilteredList<Identity> withCookies = new FilteredList<>(identities, i -> i.cookies() != null);
        identity = new ComboBox<>(withCookies);
        identity.setId("cookieIdentityChoice");
        identity.setPromptText("an identity with a cookie session");
        identity.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Identity value) {
                return value == null ? "" : value.label();
            }

            @Override
            public Identity fromString(String text) {
                return null;
            }
        });
        identity.valueProperty().addListener((obs, old, chosen) -> show());
        withCookies.addListener((javafx.collections.ListChangeListener<Identity>) change -> {
            Identity chosen = identity.getValue();
            Identity same = chosen == null ? null : withCookies.stream().filter(i -> i.id().equals(chosen.id()))
                    .findFirst().orElse(null);
            identity.setValue(same != null ? same : withCookies.isEmpty() ? null : withCookies.getFirst());
            show();
        });
        if (!withCookies.isEmpty()) {
            identity.setValue(withCookies.getFirst());
        }
        Button again = new Button("Look again");
        again.setId("cookiesRefreshButton");
        again.setOnAction(event -> show());
        HBox top = new HBox(8, new Label("Cookies of"), identity, again);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        table.setId("cookiesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(TextColumns.of("Cookie", report -> report.cookie().name(), 140, true));
        table.getColumns().add(TextColumns.of("Flags", CookieLinter.Report::flags, 260));
        table.getColumns().add(TextColumns.of("Expires", CookieLinter.Report::expires, 180));
        table.getColumns().add(TextColumns.of("Findings", report -> report.findings().isEmpty() ? "none"
                : report.findings().stream().map(f -> f.severity() + " " + f.code()).collect(Collectors.joining("\n")),
                160));
        table.setPlaceholder(new Label("No cookies: choose an identity that logged in to a cookie session (Identities"
                + " page, Cookie session)"));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, report) ->
                findings.setAll(report == null ? java.util.List.of() : report.findings()));
        ListView<Finding> list = new ListView<>(findings);
        list.setId("cookieFindingsList");
        list.setCellFactory(l -> new FindingCell());
        list.setPlaceholder(new Label("Choose a cookie to see what the linter says about it"));
        SplitPane split = new SplitPane(table, list);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    private void show() {
        Identity chosen = identity.getValue();
        reports.setAll(chosen == null || chosen.cookies() == null ? java.util.List.of()
                : linter.lint(chosen.cookies(), chosen.origin(), now.get() == null ? Instant.now() : now.get()));
        // The first cookie's findings at once; the arrow keys move on from there.
        table.getSelectionModel().selectFirst();
        CookieLinter.Report selected = table.getSelectionModel().getSelectedItem();
        findings.setAll(selected == null ? java.util.List.of() : selected.findings());
    }
}
