package io.tokenworkbench.client.checks.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.suite.SuiteProblem;
import io.tokenworkbench.client.support.ui.TextColumns;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The access matrix page: the suite editor (line numbers, colours, problem marks) beside the matrix, whose check
 * column stays put while the identity columns scroll; the selected cell's exchange below; a toolbar to run, stop,
 * filter, baseline, export and discover.
 */
public final class MatrixView extends BorderPane {

    private static final List<String> CELL_CLASSES = List.of("matrix-pass", "matrix-fail", "matrix-error",
            "matrix-opened", "matrix-closed", "matrix-changed", "matrix-disagree", "matrix-not-run");
    private static final double ROW_HEIGHT = 28;

    private final MatrixViewModel model;
    private final BooleanProperty compact;
    /** The frozen first column: the checks' names. */
    private final TableView<MatrixRow> names = new TableView<>();
    /** The identity columns, scrolling sideways under the frozen names. */
    private final TableView<MatrixRow> table = new TableView<>();
    private final Region hbarSpace = new Region();
    private SuiteEditor editor;

    /**
     * @param editorShare how much of the width the suite editor takes (the divider; remembered by the caller)
     * @param compact     narrow columns with upright headers (remembered by the caller)
     */
    public MatrixView(MatrixViewModel model, DoubleProperty editorShare, BooleanProperty compact) {
        this.model = model;
        this.compact = compact;
        setId("matrixPage");
        getStylesheets().add(MatrixView.class.getResource("matrix.css").toExternalForm());
        createView(editorShare);
        getProperties().put("initial-focus", table);
    }

    private void createView(DoubleProperty editorShare) {
        Button open = button("Open…", "openSuite", event -> model.openChosen());
        Button save = button("Save…", "saveSuite", event -> model.saveChosen());
        Button builtin = button("Built-in suite", "builtinSuite", event -> model.loadBuiltin());
        TextField documentPath = new TextField();
        documentPath.setId("openApiPath");
        documentPath.setPromptText("OpenAPI path (optional)");
        documentPath.setPrefColumnCount(13);
        documentPath.setTooltip(new Tooltip("The OpenAPI document's path or URL; left empty, the first of "
                + String.join(", ", io.tokenworkbench.client.checks.discovery.OpenApiDiscovery.DOCUMENT_PATHS)
                + " that answers"));
        CheckBox unsafe = new CheckBox("with writes");
        unsafe.setId("includeUnsafe");
        unsafe.setTooltip(new Tooltip("Also POST, PUT, PATCH and DELETE operations: they are sent too, and those on "
                + "one resource create their own first"));
        Button discover = button("Discover from OpenAPI", "discoverButton", event ->
                model.discover(unsafe.isSelected(), documentPath.getText()));
        discover.setTooltip(new Tooltip("Generate a suite of every operation in the server's OpenAPI document, "
                + "for the identities of the suite in the editor; safe methods are sent once to observe the answers"));
        discover.disableProperty().bind(model.runningProperty());
        builtin.disableProperty().bind(model.runningProperty());
        open.disableProperty().bind(model.runningProperty());

        Button run = button("Run", "runButton", event -> model.run());
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(model.runningProperty());
        Button stop = button("Stop", "stopButton", event -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("runProgress");
        progress.setPrefWidth(90);
        progress.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("runProgressText");
        progressText.textProperty().bind(model.progressTextProperty());
        CheckBox onlyProblems = new CheckBox("Only problems");
        onlyProblems.setTooltip(new Tooltip("Show only the rows with a cell that failed, got no answer, or changed "
                + "since the baseline"));
        onlyProblems.setId("onlyProblems");
        onlyProblems.selectedProperty().bindBidirectional(model.onlyProblemsProperty());
        CheckBox compactBox = new CheckBox("Compact");
        compactBox.setId("compactMatrix");
        compactBox.setTooltip(new Tooltip("Narrow columns with upright identity names"));
        compactBox.selectedProperty().bindBidirectional(compact);
        MenuButton baseline = new MenuButton("Baseline");
        baseline.setId("baselineMenu");
        MenuItem saveBaseline = new MenuItem("Save this run as the baseline…");
        saveBaseline.setId("saveBaseline");
        saveBaseline.setOnAction(event -> model.saveBaselineChosen());
        saveBaseline.disableProperty().bind(model.lastRunProperty().isNull());
        MenuItem loadBaseline = new MenuItem("Compare with a baseline…");
        loadBaseline.setId("loadBaseline");
        loadBaseline.setOnAction(event -> model.loadBaselineChosen());
        baseline.getItems().addAll(saveBaseline, loadBaseline);
        MenuButton export = new MenuButton("Export");
        export.setId("exportMenu");
        export.disableProperty().bind(model.lastRunProperty().isNull());
        for (MatrixViewModel.ReportFormat format : MatrixViewModel.ReportFormat.values()) {
            MenuItem item = new MenuItem(format.label() + "…");
            item.setOnAction(event -> model.exportChosen(format));
            export.getItems().add(item);
        }

        // Flow panes wrap at narrow widths instead of cutting the actions to "…".
        FlowPane suiteBar = new FlowPane(8, 8, open, save, builtin, discover, documentPath, unsafe);
        suiteBar.setAlignment(Pos.CENTER_LEFT);
        FlowPane runBar = new FlowPane(8, 8, run, stop, progress, progressText, onlyProblems, compactBox, baseline,
                export);
        runBar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("runSummary");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        VBox top = new VBox(8, suiteBar, runBar, message);
        top.setPadding(new Insets(12));
        setTop(top);

        editor = new SuiteEditor(model.suiteTextProperty(), model.problems());
        editor.disableProperty().bind(model.runningProperty());
        ListView<SuiteProblem> problems = new ListView<>(model.problems());
        problems.setId("suiteProblems");
        problems.setPrefHeight(90);
        problems.setMinHeight(60);
        problems.setPlaceholder(new Label("No problems: the suite is valid"));
        problems.setCellFactory(TextColumns.listCells(problem -> "line " + problem.line() + ", column "
                + problem.column() + ": " + problem.message(), Styles.DANGER));
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, problem) -> editor.jumpTo(problem));
        Label file = new Label();
        file.setMinWidth(0);
        file.textProperty().bind(Bindings.createStringBinding(() -> model.suiteFileProperty().get() == null
                ? "Suite (not saved to a file)" : "Suite: " + model.suiteFileProperty().get(),
                model.suiteFileProperty()));
        VBox editorPane = new VBox(6, file, editor, problems);
        VBox.setVgrow(editor, Priority.ALWAYS);
        editorPane.setPadding(new Insets(0, 0, 0, 12));
        editorPane.setMinWidth(180);

        Region matrix = createMatrix();
        TextArea details = new TextArea();
        details.setId("cellDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.getStyleClass().add("suite-editor");
        details.textProperty().bind(model.cellDetailsProperty());
        details.setPromptText("Select a cell (click, or the arrow keys) to see its request and response");
        SplitPane right = new SplitPane(matrix, details);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.68);

        SplitPane split = new SplitPane(editorPane, right);
        split.setId("matrixSplit");
        split.setDividerPositions(editorShare.get());
        split.getDividers().getFirst().positionProperty().addListener((obs, old, position) -> {
            if (Math.abs(position.doubleValue() - editorShare.get()) > 0.005) {
                editorShare.set(position.doubleValue());
            }
        });
        editorShare.addListener((obs, old, share) -> {
            if (Math.abs(split.getDividers().getFirst().getPosition() - share.doubleValue()) > 0.005) {
                split.setDividerPositions(share.doubleValue());
            }
        });
        setCenter(split);
    }

    /** The two tables side by side, scrolling together up and down. */
    private Region createMatrix() {
        names.setId("matrixNames");
        names.getStyleClass().addAll("matrix-table", "matrix-names");
        names.setItems(model.visibleRows());
        names.setFixedCellSize(ROW_HEIGHT);
        names.setPlaceholder(new Label(""));
        names.setPrefWidth(230);
        names.setMinWidth(190);
        names.setMaxWidth(320);
        names.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<MatrixRow, String> name = new TableColumn<>("check");
        name.setSortable(false);
        name.setReorderable(false);
        name.setCellValueFactory(data -> new ReadOnlyStringWrapper(data.getValue().name()));
        name.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(empty || row == null ? null : new Tooltip(item + "\n" + row.request()));
            }
        });
        names.getColumns().setAll(List.of(name));

        table.setId("matrixTable");
        table.getStyleClass().add("matrix-table");
        table.setItems(model.visibleRows());
        table.setFixedCellSize(ROW_HEIGHT);
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.onlyProblemsProperty().get()
                        && model.lastRunProperty().get() != null
                        ? "No problems: every cell passed, and nothing changed since the baseline"
                        : "Run the suite to fill the matrix",
                model.onlyProblemsProperty(), model.lastRunProperty()));
        table.setPlaceholder(placeholder);
        table.getSelectionModel().setCellSelectionEnabled(true);
        rebuildColumns();
        model.columns().addListener((ListChangeListener<String>) change -> rebuildColumns());
        compact.addListener((obs, old, now) -> rebuildColumns());
        model.comparisonProperty().addListener((obs, old, now) -> table.refresh());
        table.getFocusModel().focusedCellProperty().addListener((obs, old, position) -> show(position));
        names.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            int row = index.intValue();
            if (row >= 0 && table.getFocusModel().getFocusedIndex() != row && table.getColumns().size() > 0) {
                table.getSelectionModel().clearAndSelect(row, table.getColumns().getFirst());
                table.getFocusModel().focus(row, table.getColumns().getFirst());
            }
        });

        VBox namesBox = new VBox(names, hbarSpace);
        VBox.setVgrow(names, Priority.ALWAYS);
        namesBox.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(namesBox, table);
        HBox.setHgrow(table, Priority.ALWAYS);
        box.setMinHeight(120);
        Platform.runLater(this::linkScrolling);
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(this::linkScrolling));
        return box;
    }

    /**
     * Ties the names' vertical scroll bar to the matrix's (the names' own is hidden by the style sheet), and keeps
     * room under the names for the matrix's horizontal bar, so both viewports stay the same height.
     */
    private void linkScrolling() {
        Optional<ScrollBar> tableBar = scrollBar(table, Orientation.VERTICAL);
        Optional<ScrollBar> namesBar = scrollBar(names, Orientation.VERTICAL);
        Optional<ScrollBar> tableHbar = scrollBar(table, Orientation.HORIZONTAL);
        if (tableBar.isEmpty() || namesBar.isEmpty() || tableHbar.isEmpty()
                || Boolean.TRUE.equals(names.getProperties().get("linked"))) {
            return;
        }
        names.getProperties().put("linked", true);
        namesBar.get().valueProperty().bindBidirectional(tableBar.get().valueProperty());
        hbarSpace.minHeightProperty().bind(Bindings.when(tableHbar.get().visibleProperty())
                .then(tableHbar.get().heightProperty()).otherwise(0.0));
        hbarSpace.prefHeightProperty().bind(hbarSpace.minHeightProperty());
        hbarSpace.maxHeightProperty().bind(hbarSpace.minHeightProperty());
    }

    private static Optional<ScrollBar> scrollBar(TableView<?> view, Orientation orientation) {
        return view.lookupAll(".scroll-bar").stream().filter(node -> node instanceof ScrollBar bar
                        && bar.getOrientation() == orientation && bar.getParent() != null)
                .map(ScrollBar.class::cast).findFirst();
    }

    /** Follows the focused cell (arrow keys or a click): its exchange, or why it is blank. */
    private void show(TablePosition<MatrixRow, ?> position) {
        if (position == null || position.getRow() < 0 || position.getTableColumn() == null
                || position.getRow() >= table.getItems().size()) {
            return;
        }
        MatrixRow row = table.getItems().get(position.getRow());
        String identity = (String) position.getTableColumn().getUserData();
        if (names.getSelectionModel().getSelectedIndex() != position.getRow()) {
            names.getSelectionModel().clearAndSelect(position.getRow());
        }
        CellResult cell = row.cells().get(identity);
        if (cell != null) {
            model.selectedCellProperty().set(cell);
        } else {
            model.explainBlank(row.name(), identity);
        }
    }

    private void rebuildColumns() {
        table.getColumns().clear();
        boolean narrow = compact.get();
        for (String identity : model.columns()) {
            TableColumn<MatrixRow, CellResult> column = new TableColumn<>();
            column.setId("column-" + identity);
            column.setUserData(identity);
            column.setSortable(false);
            column.setReorderable(false);
            if (narrow) {
                Label header = new Label(identity);
                header.setRotate(-90);
                column.setGraphic(new Group(header));
                column.setPrefWidth(40);
            } else {
                column.setText(identity);
                column.setPrefWidth(Math.max(58, textWidth(identity) * 1.2 + 34));
            }
            column.setCellValueFactory(data -> Bindings.valueAt(data.getValue().cells(), identity));
            column.setCellFactory(c -> new MatrixCell(identity));
            table.getColumns().add(column);
        }
    }

    private static double textWidth(String text) {
        Text measure = new Text(text);
        measure.setStyle("-fx-font-weight: bold;");
        return measure.getLayoutBounds().getWidth();
    }

    /** One cell: the status, coloured by outcome, outlined when it changed since the baseline; "—" when not run. */
    private final class MatrixCell extends TableCell<MatrixRow, CellResult> {
        private final String identity;

        MatrixCell(String identity) {
            this.identity = identity;
            setOnMouseClicked(event -> {
                MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && getItem() == null) {
                    model.explainBlank(row.name(), identity);
                }
            });
        }

        @Override
        protected void updateItem(CellResult cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().removeAll(CELL_CLASSES);
            MatrixRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            if (cell == null) {
                boolean runs = model.runsAs(row.name(), identity);
                setText(runs ? null : "—");
                if (!runs) {
                    getStyleClass().add("matrix-not-run");
                }
                setTooltip(new Tooltip(runs ? "Not run yet" : "Not run for this identity: the check names its own"));
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
            setTooltip(new Tooltip(cell.row() + " as " + identity + "\nexpected " + cell.expected()
                    + (cell.reason().isEmpty() ? "" : "\n" + cell.reason())
                    + change.map(c -> "\nchanged since the baseline: " + c.transition()).orElse("")));
        }
    }

    private static Button button(String text, String id, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(action);
        return button;
    }
}
