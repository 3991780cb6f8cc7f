package io.tokenworkbench.client.checks.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.suite.SuiteProblem;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The access matrix page: the suite editor with inline problems on the left, the matrix and the selected cell's
 * exchange on the right, and a toolbar to run, stop, filter, baseline, export and discover.
 */
public final class MatrixView extends BorderPane {

    private static final List<String> CELL_CLASSES = List.of("matrix-pass", "matrix-fail", "matrix-error",
            "matrix-opened", "matrix-closed", "matrix-changed", "matrix-disagree");

    private final MatrixViewModel model;
    private final TableView<MatrixRow> table = new TableView<>();
    private final TextArea editor = new TextArea();

    public MatrixView(MatrixViewModel model) {
        this.model = model;
        setId("matrixPage");
        getStylesheets().add(MatrixView.class.getResource("matrix.css").toExternalForm());
        createView();
    }

    private void createView() {
        Button run = button("Run", "runButton", event -> model.run());
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(model.runningProperty());
        Button stop = button("Stop", "stopButton", event -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("runProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(model.progressProperty());
        CheckBox onlyProblems = new CheckBox("Only failures and changes");
        onlyProblems.setId("onlyProblems");
        onlyProblems.selectedProperty().bindBidirectional(model.onlyProblemsProperty());

        Button open = button("Open…", "openSuite", event -> model.openChosen());
        Button save = button("Save…", "saveSuite", event -> model.saveChosen());
        Button builtin = button("Built-in suite", "builtinSuite", event -> model.loadBuiltin());
        TextField documentPath = new TextField();
        documentPath.setId("openApiPath");
        documentPath.setPromptText("OpenAPI: found by itself");
        documentPath.setPrefColumnCount(14);
        documentPath.setTooltip(new Tooltip("The OpenAPI document's path or URL; left empty, the first of "
                + String.join(", ", io.tokenworkbench.client.checks.discovery.OpenApiDiscovery.DOCUMENT_PATHS)
                + " that answers"));
        CheckBox unsafe = new CheckBox("Also operations that change data");
        unsafe.setId("includeUnsafe");
        unsafe.setTooltip(new Tooltip("POST, PUT, PATCH and DELETE are sent too; those on one resource create "
                + "their own first"));
        Button discover = button("Discover from OpenAPI", "discoverButton", event ->
                model.discover(unsafe.isSelected(), documentPath.getText()));
        discover.setTooltip(new Tooltip("Generate a suite of every operation in the server's OpenAPI document, "
                + "for the identities of the suite in the editor; safe methods are sent once to observe the answers"));
        discover.disableProperty().bind(model.runningProperty());
        Button saveBaseline = button("Save baseline…", "saveBaseline", event -> model.saveBaselineChosen());
        saveBaseline.disableProperty().bind(model.lastRunProperty().isNull());
        Button loadBaseline = button("Compare with baseline…", "loadBaseline", event -> model.loadBaselineChosen());
        MenuButton export = new MenuButton("Export");
        export.setId("exportMenu");
        export.disableProperty().bind(model.lastRunProperty().isNull());
        for (MatrixViewModel.ReportFormat format : MatrixViewModel.ReportFormat.values()) {
            MenuItem item = new MenuItem(format.label());
            item.setOnAction(event -> model.exportChosen(format));
            export.getItems().add(item);
        }

        // Flow panes wrap at narrow widths instead of cutting the actions to "…".
        FlowPane suiteBar = new FlowPane(8, 8, open, save, builtin, discover, documentPath, unsafe);
        suiteBar.setAlignment(Pos.CENTER_LEFT);
        FlowPane runBar = new FlowPane(8, 8, run, stop, progress, onlyProblems, saveBaseline, loadBaseline, export);
        runBar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("runSummary");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox top = new VBox(8, suiteBar, runBar, message);
        top.setPadding(new Insets(12));
        setTop(top);

        editor.setId("suiteEditor");
        editor.getStyleClass().add("suite-editor");
        editor.textProperty().bindBidirectional(model.suiteTextProperty());
        editor.disableProperty().bind(model.runningProperty());
        ListView<SuiteProblem> problems = new ListView<>(model.problems());
        problems.setId("suiteProblems");
        problems.setPrefHeight(110);
        problems.setPlaceholder(new Label("No problems: the suite is valid"));
        problems.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SuiteProblem problem, boolean empty) {
                super.updateItem(problem, empty);
                setText(empty || problem == null ? null
                        : "line " + problem.line() + ", column " + problem.column() + ": " + problem.message());
                getStyleClass().remove(Styles.DANGER);
                if (!empty) {
                    getStyleClass().add(Styles.DANGER);
                }
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, problem) -> jumpTo(problem));
        Label file = new Label();
        file.textProperty().bind(Bindings.createStringBinding(() -> model.suiteFileProperty().get() == null
                ? "Suite (not saved to a file)" : "Suite: " + model.suiteFileProperty().get(),
                model.suiteFileProperty()));
        VBox editorPane = new VBox(6, file, editor, problems);
        VBox.setVgrow(editor, Priority.ALWAYS);
        editorPane.setPadding(new Insets(0, 0, 0, 12));

        table.setId("matrixTable");
        table.getStyleClass().add("matrix-table");
        table.setItems(model.visibleRows());
        table.setPlaceholder(new Label("Run the suite to fill the matrix"));
        table.getSelectionModel().setCellSelectionEnabled(true);
        rebuildColumns();
        model.columns().addListener((ListChangeListener<String>) change -> rebuildColumns());
        model.comparisonProperty().addListener((obs, old, now) -> table.refresh());

        TextArea details = new TextArea();
        details.setId("cellDetails");
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add("suite-editor");
        details.textProperty().bind(model.cellDetailsProperty());
        details.setPromptText("Click a cell to see its request and response");
        SplitPane right = new SplitPane(table, details);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.7);

        SplitPane split = new SplitPane(editorPane, right);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    private void rebuildColumns() {
        TableColumn<MatrixRow, String> name = new TableColumn<>("check");
        name.setPrefWidth(230);
        name.setCellValueFactory(data -> new ReadOnlyStringWrapper(data.getValue().name()));
        name.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().add("matrix-name");
                MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(empty || row == null ? null : new Tooltip(row.request()));
            }
        });
        name.setSortable(false);
        table.getColumns().setAll(List.of(name));
        for (String identity : model.columns()) {
            TableColumn<MatrixRow, CellResult> column = new TableColumn<>(identity);
            column.setId("column-" + identity);
            column.setPrefWidth(Math.max(56, identity.length() * 8.5 + 30));
            column.setSortable(false);
            column.setCellValueFactory(data -> Bindings.valueAt(data.getValue().cells(), identity));
            column.setCellFactory(c -> new MatrixCell(identity));
            table.getColumns().add(column);
        }
    }

    /** One cell: the status, coloured by outcome, outlined when it changed since the baseline. */
    private final class MatrixCell extends TableCell<MatrixRow, CellResult> {
        private final String identity;

        MatrixCell(String identity) {
            this.identity = identity;
            setOnMouseClicked(event -> {
                if (getItem() != null) {
                    model.selectedCellProperty().set(getItem());
                }
            });
        }

        @Override
        protected void updateItem(CellResult cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().removeAll(CELL_CLASSES);
            if (empty || cell == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            getStyleClass().add("matrix-" + cell.outcome().name().toLowerCase(Locale.ROOT));
            Optional<CellChange> change = model.change(cell.row(), identity);
            change.ifPresent(c -> getStyleClass().add("matrix-" + c.kind().name().toLowerCase(Locale.ROOT)));
            if (model.disagrees(cell.row(), identity)) {
                getStyleClass().add("matrix-disagree");
            }
            setText(cell.label() + change.map(c -> c.kind() == CellChange.Kind.OPENED ? " ▲" : c.kind()
                    == CellChange.Kind.CLOSED ? " ▼" : " •").orElse(""));
            setTooltip(new Tooltip("expected " + cell.expected() + (cell.reason().isEmpty() ? "" : "\n"
                    + cell.reason()) + change.map(c -> "\nchanged since the baseline: " + c.transition()).orElse("")));
        }
    }

    private void jumpTo(SuiteProblem problem) {
        if (problem == null || problem.line() <= 0) {
            return;
        }
        String text = editor.getText();
        int offset = 0;
        for (int line = 1; line < problem.line() && offset >= 0; line++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return;
            }
        }
        editor.positionCaret(Math.min(text.length(), offset + Math.max(0, problem.column() - 1)));
        editor.requestFocus();
    }

    private static Button button(String text, String id, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(action);
        return button;
    }
}
