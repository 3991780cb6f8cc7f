package io.tokenworkbench.client.checks.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.SampleSuites;
import io.tokenworkbench.client.checks.discovery.OpenApiDiscovery;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.http.ApiClient;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access matrix, headless, against a real backend. */
@ExtendWith(ApplicationExtension.class)
class MatrixViewTest {

    @TempDir
    Path work;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private MatrixViewModel model;

    private static final String SMALL_SUITE = SampleSuites.SMALL;

    @AfterAll
    static void stopBackend() {
        API.shutdown();
    }

    private final io.tokenworkbench.client.support.FakeDialogs dialogs =
            new io.tokenworkbench.client.support.FakeDialogs().agreeing(true);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        CheckEngine engine = new CheckEngine(API, Clock.systemUTC());
        model = new MatrixViewModel(engine, new OpenApiDiscovery(API, engine),
                new SimpleStringProperty(backend.baseUrl()), new javafx.beans.property.SimpleBooleanProperty(true),
                new io.tokenworkbench.client.support.ui.BackgroundTasks(Executors.newVirtualThreadPerTaskExecutor(),
                        Platform::runLater), Platform::runLater, dialogs);
        stage.setScene(new Scene(new MatrixView(model, new javafx.beans.property.SimpleDoubleProperty(0.3),
                new javafx.beans.property.SimpleBooleanProperty(false)), 1200, 800));
        stage.show();
    }

    private void runAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> !model.runningProperty().get() && model.lastRunProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableCell<MatrixRow, CellResult> cell(FxRobot robot, String row, String column) {
        TableView<MatrixRow> table = robot.lookup("#matrixTable").queryAs(TableView.class);
        int index = table.getItems().stream().map(MatrixRow::name).toList().indexOf(row);
        assertTrue(index >= 0, "row " + row);
        robot.interact(() -> table.scrollTo(index));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".table-cell").match(node -> node instanceof TableCell<?, ?> c && c.isVisible()
                        && c.getTableColumn() != null && column.equals(c.getTableColumn().getText())
                        && c.getItem() instanceof CellResult r && r.row().equals(row))
                .queryAs(TableCell.class);
    }

    private static Color background(TableCell<?, ?> cell) {
        return (Color) cell.getBackground().getFills().getFirst().getFill();
    }

    @Test
    void theBuiltInSuiteRunsFromTheMatrixWithColouredCells(FxRobot robot) throws Exception {
        runAndWait(robot);

        String summary = robot.lookup("#runSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("0 failed, 0 errors"), summary);
        var allowed = cell(robot, "protected resource", "alice");
        assertEquals("200", allowed.getText());
        assertTrue(allowed.getStyleClass().contains("matrix-pass"));
        var refused = cell(robot, "admin user list", "tampered");
        assertEquals("401", refused.getText());
        assertTrue(refused.getStyleClass().contains("matrix-pass"), "a refusal that is expected passes");
        Color green = background(allowed);
        assertTrue(green.getGreen() > green.getRed(), "passing cells are green: " + green);
        assertEquals(1.0, robot.lookup("#runProgress").queryAs(javafx.scene.control.ProgressBar.class).getProgress());

        robot.clickOn(refused);
        String details = robot.lookup("#cellDetails").queryAs(TextArea.class).getText();
        assertTrue(details.contains("GET " + backend.baseUrl() + "/v1/admin/users"), details);
        assertTrue(details.contains("HTTP 401"), details);
    }

    @Test
    void aWrongExpectationIsARedCellAndTheFilterKeepsItsRow(FxRobot robot) throws Exception {
        robot.interact(() -> model.suiteTextProperty().set(SMALL_SUITE.replace("root: 200}", "root: 200, alice: 200}")));
        runAndWait(robot);

        var failed = cell(robot, "admin users", "alice");
        assertEquals("403", failed.getText());
        assertTrue(failed.getStyleClass().contains("matrix-fail"));
        Color red = background(failed);
        assertTrue(red.getRed() > red.getGreen(), "failing cells are red: " + red);

        robot.clickOn("#onlyProblems");
        assertEquals(1, robot.lookup("#matrixTable").queryAs(TableView.class).getItems().size());
    }

    @Test
    void aLoadedBaselineMarksTheCellThatOpened(FxRobot robot) throws Exception {
        robot.interact(() -> model.suiteTextProperty().set(SMALL_SUITE));
        runAndWait(robot);
        Path baseline = work.resolve("baseline.json");
        robot.interact(() -> model.saveBaseline(baseline));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(baseline));
        String saved = Files.readString(baseline);
        String edited = saved.replaceFirst("(\"alice\" : \\{\\s*\"expected\" : \\[ 200 \\],\\s*\"actual\" : )200",
                "$1403");
        assertFalse(edited.equals(saved));
        Files.writeString(baseline, edited);

        robot.interact(() -> model.loadBaseline(baseline));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.comparisonProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        var opened = cell(robot, "protected", "alice");
        assertTrue(opened.getStyleClass().contains("matrix-opened"), opened.getStyleClass()::toString);
        assertEquals("200 ▲", opened.getText());
        assertTrue(robot.lookup("#runSummary").queryAs(Label.class).getText().contains("1 opened access"));
        assertFalse(cell(robot, "protected", "root").getStyleClass().contains("matrix-opened"));
    }

    @Test
    void aBrokenSuiteShowsItsProblemsInlineAndDoesNotRun(FxRobot robot) {
        robot.interact(() -> model.suiteTextProperty().set(SMALL_SUITE.replace("root: 200", "rooot: 200")));

        ListView<?> problems = robot.lookup("#suiteProblems").queryAs(ListView.class);
        assertEquals(1, problems.getItems().size());
        robot.clickOn("#runButton");
        assertFalse(model.runningProperty().get());
        assertTrue(robot.lookup("#runSummary").queryAs(Label.class).getText().contains("1 problem"));
        robot.interact(() -> problems.getSelectionModel().select(0));
        int caret = robot.lookup("#suiteEditor").queryAs(org.fxmisc.richtext.CodeArea.class).getCaretPosition();
        assertEquals(SMALL_SUITE.replace("root: 200", "rooot: 200").indexOf("rooot"), caret);
    }

    @Test
    void discoveryWritesASuiteOfEveryOperationIntoTheEditor(FxRobot robot) throws Exception {
        robot.clickOn("#discoverButton");

        Label message = robot.lookup("#runSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> message.getText().startsWith("Generated"));
        assertTrue(message.getText().contains("the document and the server agree on every observed cell"),
                message.getText());
        String suite = robot.lookup("#suiteEditor").queryAs(org.fxmisc.richtext.CodeArea.class).getText();
        assertTrue(suite.startsWith("# Generated by Token Workbench discovery"));
        assertTrue(robot.lookup("#suiteProblems").queryAs(ListView.class).getItems().isEmpty(),
                "the generated suite is valid");
        assertTrue(robot.lookup("#matrixTable").queryAs(TableView.class).getItems().size() >= 20);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheckColumnStaysWhileTheMatrixScrollsAndABlankCellSaysWhy(FxRobot robot) throws Exception {
        robot.interact(() -> model.suiteTextProperty().set(SMALL_SUITE + """
                  - name: only alice
                    request: GET /v1/users/me
                    identities: [alice]
                    expect: 200
                """));
        runAndWait(robot);
        assertEquals("7 of 7 cells", robot.lookup("#runProgressText").queryAs(Label.class).getText());

        TableView<MatrixRow> names = robot.lookup("#matrixNames").queryAs(TableView.class);
        TableView<MatrixRow> table = robot.lookup("#matrixTable").queryAs(TableView.class);
        double before = names.localToScene(0, 0).getX();
        robot.interact(() -> table.scrollToColumnIndex(table.getColumns().size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, names.localToScene(0, 0).getX(), "the names do not scroll sideways");
        assertEquals(table.getItems(), names.getItems());

        int row = table.getItems().stream().map(MatrixRow::name).toList().indexOf("only alice");
        robot.interact(() -> table.getFocusModel().focus(row, table.getColumns().getLast()));
        String details = robot.lookup("#cellDetails").queryAs(TextArea.class).getText();
        assertTrue(details.startsWith("only alice as root: not run for this identity"), details);
        assertEquals(row, names.getSelectionModel().getSelectedIndex(), "the row's name is marked too");
    }

    @Test
    void replacingAnEditedSuiteAsksFirst(FxRobot robot) {
        robot.interact(() -> model.suiteTextProperty().set(SMALL_SUITE));
        dialogs.agreeing(false);
        robot.clickOn("#builtinSuite");

        assertTrue(dialogs.asked().getLast().startsWith("Replace the suite: Replace the suite in the editor with the "
                + "built-in suite? This discards your unsaved changes"), dialogs.asked()::toString);
        assertEquals(SMALL_SUITE, model.suiteTextProperty().get(), "declined: nothing is lost");
        dialogs.agreeing(true);
        robot.clickOn("#builtinSuite");
        assertTrue(model.suiteTextProperty().get().startsWith("# The API contract's whole access table"));
    }
}
