package io.tokenworkbench.client.checks.ui;

import io.tokenworkbench.client.checks.baseline.Baseline;
import io.tokenworkbench.client.checks.baseline.BaselineComparison;
import io.tokenworkbench.client.checks.baseline.CellChange;
import io.tokenworkbench.client.checks.discovery.Disagreement;
import io.tokenworkbench.client.checks.discovery.Discovery;
import io.tokenworkbench.client.checks.discovery.OpenApiDiscovery;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.report.HtmlReport;
import io.tokenworkbench.client.checks.report.JsonReport;
import io.tokenworkbench.client.checks.report.JunitXmlReport;
import io.tokenworkbench.client.checks.report.MarkdownReport;
import io.tokenworkbench.client.checks.suite.Check;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteEnvironment;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.checks.suite.SuiteFiles;
import io.tokenworkbench.client.checks.suite.SuiteProblem;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.Dialogs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The access matrix: edit a suite (validated as you type), run it with progress and Stop, see each cell coloured
 * by outcome, open a cell's exchange, filter to failures, save and load baselines, export reports, and generate a
 * suite from the server's OpenAPI document. Runs, discovery and file work happen on the background executor; every
 * property changes on the UI executor.
 */
public final class MatrixViewModel {

    /** Report formats the matrix exports. */
    public enum ReportFormat {
        JUNIT("JUnit XML", ".xml"), HTML("HTML page", ".html"), JSON("JSON", ".json"), MARKDOWN("Markdown", ".md");

        private final String label;
        private final String extension;

        ReportFormat(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        public String extension() {
            return extension;
        }
    }

    private final StringProperty suiteText = new SimpleStringProperty(this, "suiteText", "");
    private final ObjectProperty<Path> suiteFile = new SimpleObjectProperty<>(this, "suiteFile");
    private final ObservableList<SuiteProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<MatrixRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MatrixRow> visibleRows = new FilteredList<>(rows);
    private final BooleanProperty onlyProblems = new SimpleBooleanProperty(this, "onlyProblems", false);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<RunResult> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyObjectWrapper<BaselineComparison> comparison =
            new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ObjectProperty<CellResult> selectedCell = new SimpleObjectProperty<>(this, "selectedCell");
    private final ReadOnlyStringWrapper cellDetails = new ReadOnlyStringWrapper(this, "cellDetails", "");
    private final Set<String> disagreements = new HashSet<>();
    /** The checks of the suite laid out, by row name: what a blank cell's explanation needs. */
    private final java.util.Map<String, Check> checksByRow = new java.util.HashMap<>();
    /** The editor's text as last opened, saved, generated or loaded: anything else is unsaved work. */
    private String settledText = "";

    private final CheckEngine engine;
    private final OpenApiDiscovery discovery;
    private final StringProperty serverUrl;
    private final javafx.beans.value.ObservableBooleanValue speaksContract;
    private final BackgroundTasks tasks;
    private final Executor ui;
    private final Dialogs dialogs;
    private Baseline baseline;
    private RunControl control;

    public MatrixViewModel(CheckEngine engine, OpenApiDiscovery discovery, StringProperty serverUrl,
                           javafx.beans.value.ObservableBooleanValue speaksContract, BackgroundTasks tasks,
                           Executor ui, Dialogs dialogs) {
        this.engine = engine;
        this.discovery = discovery;
        this.serverUrl = serverUrl;
        this.speaksContract = speaksContract;
        this.tasks = tasks;
        this.ui = ui;
        this.dialogs = dialogs;
        suiteText.addListener((obs, old, text) -> validate());
        onlyProblems.addListener((obs, old, only) -> refilter());
        selectedCell.addListener((obs, old, cell) -> cellDetails.set(describe(cell)));
        settledText = SuiteParser.builtinText();
        suiteText.set(settledText);
    }

    public StringProperty suiteTextProperty() {
        return suiteText;
    }

    public ReadOnlyObjectProperty<Path> suiteFileProperty() {
        return suiteFile;
    }

    public ObservableList<SuiteProblem> problems() {
        return problems;
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public ObservableList<MatrixRow> visibleRows() {
        return visibleRows;
    }

    public ObservableList<MatrixRow> rows() {
        return rows;
    }

    public BooleanProperty onlyProblemsProperty() {
        return onlyProblems;
    }

    /** True while a run or a discovery is under way. */
    public ReadOnlyBooleanProperty runningProperty() {
        return tasks.busyProperty();
    }

    /** How far a run is: "120 of 502 cells · 2 failed". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Whether the editor holds text that was not opened, saved, generated or loaded as it is. */
    public boolean hasUnsavedChanges() {
        return !suiteText.get().equals(settledText);
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunResult> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BaselineComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ObjectProperty<CellResult> selectedCellProperty() {
        return selectedCell;
    }

    public ReadOnlyStringProperty cellDetailsProperty() {
        return cellDetails.getReadOnlyProperty();
    }

    /** The change since the baseline of a cell, if a baseline is loaded and the cell changed. */
    public Optional<CellChange> change(String row, String column) {
        BaselineComparison current = comparison.get();
        return current == null ? Optional.empty() : current.change(row, column);
    }

    /** Whether discovery found the document and the server disagreeing on this cell. */
    public boolean disagrees(String row, String column) {
        return disagreements.contains(row + "\u0000" + column);
    }

    /** Parses the editor's text; problems show inline, the matrix shows the suite's rows and columns. */
    public Optional<Suite> validate() {
        try {
            Path file = suiteFile.get();
            Path folder = file == null || file.toAbsolutePath().getParent() == null ? Path.of("").toAbsolutePath()
                    : file.toAbsolutePath().getParent();
            Suite suite = SuiteParser.parse(sourceName(), suiteText.get(), SuiteEnvironment.system(folder));
            problems.clear();
            if (!tasks.isBusy()) {
                layOut(suite);
            }
            return Optional.of(suite);
        } catch (SuiteException e) {
            problems.setAll(e.problems());
            return Optional.empty();
        }
    }

    /** Runs the suite in the editor against the current server. */
    public void run() {
        if (tasks.isBusy()) {
            return;
        }
        Optional<Suite> parsed = validate();
        if (parsed.isEmpty()) {
            message.set("The suite has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "; fix them to run it");
            return;
        }
        Suite suite = parsed.get();
        if (!speaksContract.get() && suite.name().equals(SuiteParser.builtin().name())) {
            message.set("The built-in suite is the Token Workbench backend's access table, and " + serverUrl.get()
                    + " is another API, so its cells would only fail. Discover a suite from its OpenAPI document, "
                    + "or write one (see docs/examples).");
            return;
        }
        layOut(suite);
        String server = serverUrl.get();
        RunControl runControl = new RunControl();
        control = runControl;
        progress.set(0);
        progressText.set("");
        message.set("Running " + suite.name() + " against " + server + "…");
        int[] total = {1};
        int[] failed = {0};
        RunListener listener = new RunListener() {
            @Override
            public void started(int totalCells) {
                total[0] = Math.max(1, totalCells);
            }

            @Override
            public void cellDone(CellResult cell, int done) {
                ui.execute(() -> {
                    place(cell);
                    if (cell.outcome() != io.tokenworkbench.client.checks.engine.Outcome.PASS) {
                        failed[0]++;
                    }
                    progress.set(Math.min(1.0, done / (double) total[0]));
                    progressText.set(Math.min(done, total[0]) + " of " + total[0] + " cells"
                            + (failed[0] == 0 ? "" : " · " + failed[0] + " not as expected"));
                });
            }

            @Override
            public void message(String text) {
                ui.execute(() -> message.set(text));
            }
        };
        tasks.run(() -> engine.run(suite, server, CheckEngine.RunOptions.defaults(), listener, runControl),
                this::showResult, reason -> message.set("The run broke off: " + reason));
    }

    /** Stops the run: cells not started are skipped, those in flight finish. */
    public void stop() {
        if (control != null) {
            control.cancel();
            message.set("Stopping after the requests in flight…");
        }
    }

    /**
     * Asks before the editor's text (and the results of its last run) is replaced, when there is anything to lose.
     */
    private boolean mayReplaceSuite(String by) {
        if (!hasUnsavedChanges() && lastRun.get() == null) {
            return true;
        }
        String losing = hasUnsavedChanges() && lastRun.get() != null ? "your unsaved changes and the results of the "
                + "last run" : hasUnsavedChanges() ? "your unsaved changes" : "the results of the last run";
        return dialogs.confirm("Replace the suite", "Replace the suite in the editor with " + by + "? "
                + "This discards " + losing + ".", "Replace");
    }

    /** Loads the built-in suite into the editor, once confirmed when something would be lost. */
    public void loadBuiltin() {
        if (tasks.isBusy() || !mayReplaceSuite("the built-in suite")) {
            return;
        }
        suiteFile.set(null);
        settledText = SuiteParser.builtinText();
        suiteText.set(settledText);
        message.set(speaksContract.get() ? "The built-in suite: the contract's access table (for a dev-mode backend)"
                : "The built-in suite is the Token Workbench backend's access table; " + serverUrl.get()
                + " is another API, so it will not run there. Discover a suite from its OpenAPI document instead.");
    }

    /** Asks for a suite file, then opens it. */
    public void openChosen() {
        dialogs.chooseFile(false, "Open a suite", "*.yaml", "*.yml").ifPresent(this::open);
    }

    /** Asks where to save the suite, then saves it. */
    public void saveChosen() {
        dialogs.chooseFile(true, "Save the suite", "*.yaml", "*.yml").ifPresent(this::save);
    }

    public void saveBaselineChosen() {
        dialogs.chooseFile(true, "Save the run as a baseline", "*.json").ifPresent(this::saveBaseline);
    }

    public void loadBaselineChosen() {
        dialogs.chooseFile(false, "Load a baseline", "*.json").ifPresent(this::loadBaseline);
    }

    public void exportChosen(ReportFormat format) {
        dialogs.chooseFile(true, "Export the " + format.label() + " report", "*" + format.extension())
                .ifPresent(file -> export(format, file));
    }

    public void open(Path file) {
        if (tasks.isBusy() || !mayReplaceSuite(file.getFileName().toString())) {
            return;
        }
        onBackground(() -> SuiteFiles.read(file), text -> {
            suiteFile.set(file);
            settledText = text;
            suiteText.set(text);
            message.set("Opened " + file);
        }, "Cannot open " + file);
    }

    /** Saves the editor's text (even with problems, so that nothing typed is lost), atomically. */
    public void save(Path file) {
        String text = suiteText.get();
        onBackground(() -> {
            SuiteFiles.write(file, text);
            return file;
        }, saved -> {
            suiteFile.set(saved);
            settledText = text;
            message.set("Saved " + saved + (problems.isEmpty() ? "" : " (it still has problems)"));
        }, "Cannot save " + file);
    }

    public void saveBaseline(Path file) {
        RunResult result = lastRun.get();
        if (result == null) {
            message.set("Run the suite first; a baseline is a saved run");
            return;
        }
        onBackground(() -> {
            Baseline.save(result, file);
            return file;
        }, saved -> message.set("Saved the run as baseline " + saved), "Cannot save the baseline");
    }

    public void loadBaseline(Path file) {
        onBackground(() -> Baseline.load(file), loaded -> {
            baseline = loaded;
            compare();
            if (comparison.get() != null) {
                message.set(comparison.get().summary());
            } else if (lastRun.get() == null) {
                message.set("Baseline loaded; run the suite to compare");
            }
        }, "Cannot load the baseline");
    }

    public void export(ReportFormat format, Path file) {
        RunResult result = lastRun.get();
        if (result == null) {
            message.set("Run the suite first, then export its report");
            return;
        }
        Optional<BaselineComparison> against = Optional.ofNullable(comparison.get());
        Function<RunResult, String> render = switch (format) {
            case JUNIT -> JunitXmlReport::render;
            case HTML -> r -> HtmlReport.render(r, against);
            case JSON -> JsonReport::render;
            case MARKDOWN -> MarkdownReport::render;
        };
        onBackground(() -> {
            SuiteFiles.write(file, render.apply(result));
            return file;
        }, saved -> message.set("Wrote the " + format.label() + " report to " + saved), "Cannot write the report");
    }

    /**
     * Generates a suite from the server's OpenAPI document, for the identities of the suite in the editor.
     *
     * @param documentPath the document's path or URL; blank: look in the usual places
     */
    public void discover(boolean includeUnsafe, String documentPath) {
        if (tasks.isBusy()) {
            return;
        }
        Suite identities = validate().orElse(SuiteParser.builtin());
        String server = serverUrl.get();
        if (!speaksContract.get() && identities.name().equals(SuiteParser.builtin().name())) {
            message.set("Discovery takes its columns from the suite in the editor, and the built-in suite's identities "
                    + "are the Token Workbench backend's. Write the identities of " + server + " first — how its "
                    + "users log in (see docs/examples) — then discover.");
            return;
        }
        if (!mayReplaceSuite("a suite discovered from " + server + "'s OpenAPI document")) {
            return;
        }
        progress.set(-1);
        progressText.set("");
        message.set("Reading " + server + "'s OpenAPI document and observing its operations that change nothing…");
        tasks.run(() -> {
            try {
                return discovery.discover(server, identities,
                        new OpenApiDiscovery.Options(Optional.empty(), true, includeUnsafe).at(documentPath));
            } catch (OpenApiDiscovery.DiscoveryException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, found -> {
            progress.set(0);
            showDiscovery(found);
        }, reason -> {
            progress.set(0);
            message.set("Discovery failed: " + reason);
        });
    }

    private void showDiscovery(Discovery found) {
        disagreements.clear();
        for (Disagreement d : found.disagreements()) {
            disagreements.add(d.check() + "\u0000" + d.identity());
        }
        suiteFile.set(null);
        settledText = found.yaml();
        suiteText.set(found.yaml());
        message.set("Generated " + found.suite().checks().size() + " checks from " + found.documentPath() + "; "
                + (found.disagreements().isEmpty() ? "the document and the server agree on every observed cell"
                : found.disagreements().size() + " cells where the document and the server disagree (marked)")
                + (found.leftOut().isEmpty() ? "" : "; " + found.leftOut().size()
                + " operations were left out, the token endpoint and any that change data or need query parameters "
                + "(listed at the end of the suite)")
                + (found.unjudged().isEmpty() ? "" : "; " + found.unjudged().size()
                + " cells got no usable answer and were left out (see the checks' notes)")
                + ". Review, then Run.");
    }

    private void showResult(RunResult result) {
        lastRun.set(result);
        progress.set(result.cancelled() ? progress.get() : 1);
        compare();
        refilter();
        String notes = result.notes().isEmpty() ? "" : " — " + String.join("; ", result.notes());
        message.set(result.summary() + (comparison.get() == null ? "" : ". " + comparison.get().summary()) + notes);
    }

    private void compare() {
        RunResult result = lastRun.get();
        Optional<String> mismatch = baseline == null || result == null ? Optional.empty() : baseline.mismatch(result);
        comparison.set(baseline == null || result == null || mismatch.isPresent() ? null
                : BaselineComparison.compare(baseline, result));
        mismatch.ifPresent(reason -> message.set("The baseline cannot be compared with this run: " + reason));
        // Re-set the rows so that cells re-render with their change marks.
        List<MatrixRow> current = new ArrayList<>(rows);
        rows.setAll(current);
    }

    private void layOut(Suite suite) {
        columns.setAll(suite.columns());
        checksByRow.clear();
        List<MatrixRow> laidOut = new ArrayList<>();
        for (Check check : suite.checks()) {
            checksByRow.put(check.name(), check);
            laidOut.add(new MatrixRow(check.name(), check.request().toString()));
        }
        rows.setAll(laidOut);
        lastRun.set(null);
        comparison.set(null);
        selectedCell.set(null);
    }

    private void place(CellResult cell) {
        MatrixRow row = rows.stream().filter(r -> r.name().equals(cell.row())).findFirst().orElseGet(() -> {
            MatrixRow replay = new MatrixRow(cell.row(), cell.exchange() == null ? ""
                    : cell.exchange().method() + " " + cell.exchange().url());
            rows.add(replay);
            return replay;
        });
        if (!columns.contains(cell.column())) {
            columns.add(cell.column());
        }
        row.cells().put(cell.column(), cell);
    }

    private void refilter() {
        visibleRows.setPredicate(onlyProblems.get() ? row -> row.hasProblem()
                || row.cells().keySet().stream().anyMatch(column -> change(row.name(), column).isPresent()) : null);
    }

    /** Whether the check of this row runs as this identity at all (a check may name only some). */
    public boolean runsAs(String row, String column) {
        Check check = checksByRow.get(row);
        return check == null || check.identities().contains(column);
    }

    /** Says why a cell is blank: the check does not run for that identity, or the run has not reached it. */
    public void explainBlank(String row, String column) {
        selectedCell.set(null);
        Check check = checksByRow.get(row);
        if (check != null && !check.identities().contains(column)) {
            cellDetails.set(row + " as " + column + ": not run for this identity. The check runs only as "
                    + String.join(", ", check.identities()) + " (its \"identities\" in the suite).");
        } else if (tasks.isBusy()) {
            cellDetails.set(row + " as " + column + ": not run yet");
        } else if (lastRun.get() != null && lastRun.get().cancelled()) {
            cellDetails.set(row + " as " + column + ": skipped, because the run was stopped");
        } else {
            cellDetails.set(row + " as " + column + ": not run yet. Run the suite to fill the matrix.");
        }
    }

    private static String describe(CellResult cell) {
        if (cell == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append(cell.row()).append(" as ").append(cell.column()).append(": ").append(cell.outcome())
                .append(", expected ").append(cell.expected()).append(", got ").append(cell.label());
        if (!cell.reason().isEmpty()) {
            text.append("\n").append(cell.reason());
        }
        text.append("\n\n").append(cell.exchange() == null ? "(nothing was sent)" : cell.exchange().toText());
        return text.toString();
    }

    private String sourceName() {
        return suiteFile.get() == null ? "editor" : suiteFile.get().getFileName().toString();
    }

    private interface IoWork<T> {
        T call() throws IOException;
    }

    private <T> void onBackground(IoWork<T> work, java.util.function.Consumer<T> then, String failure) {
        tasks.runQuietly(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, then, reason -> message.set(failure + ": " + reason));
    }
}
