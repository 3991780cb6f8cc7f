package io.tokenworkbench.client;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Page;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.ui.MatrixRow;
import io.tokenworkbench.client.identity.DemoIdentities;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the main pages headless against an in-process dev backend and writes them as PNGs for the README. Not part
 * of the normal test run: {@code mvn -Pscreenshots verify} writes {@code docs/screenshots/*.png}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;
    private Shell shell;
    private Stage stage;

    @Start
    void start(Stage primaryStage) {
        stage = primaryStage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        for (DemoIdentities.Login demo : DemoIdentities.ALL) {
            Identity identity = ((IdentityService.Outcome.Success) context.identityService()
                    .login(backend.baseUrl(), demo.username(), demo.password(), null)).identity();
            context.identities().add(identity);
        }
        context.activeIdentity().set(context.identities().getFirst());
        context.startClock();
        shell = new Shell(context);
        shell.startServerChecks();
        stage.setScene(new Scene(shell, 1360, 840));
        stage.show();
    }

    @Test
    void everyMainPage(FxRobot robot) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);

        page(robot, "identities");
        waitFor(() -> robot.lookup("#serverStatus").queryAs(Label.class).getText().equals("connected"));
        save(dir, "identities");

        page(robot, "inspector");
        robot.clickOn("#inspectActiveButton");
        waitFor(() -> robot.lookup("#signatureStatus").queryAs(Label.class).getText().startsWith("Signature verified"));
        save(dir, "inspector");

        robot.clickOn("#signTab");
        robot.clickOn("#startFromInspected");
        robot.interact(() -> {
            robot.lookup("#keySourceChoice").<io.tokenworkbench.client.inspector.ui.SignViewModel.KeySource>queryComboBox()
                    .setValue(io.tokenworkbench.client.inspector.ui.SignViewModel.KeySource.RECIPE);
            robot.lookup("#recipeChoice").<io.tokenworkbench.client.forge.Recipe>queryComboBox()
                    .setValue(io.tokenworkbench.client.forge.Recipe.KEY_CONFUSION);
        });
        robot.clickOn("#signButton");
        waitFor(() -> robot.lookup("#signResults").queryListView().getItems().size() == 4);
        save(dir, "sign");
        robot.clickOn("#inspectTab");

        page(robot, "console");
        robot.interact(() -> robot.lookup("#pathField").queryAs(TextField.class).setText("/v1/admin/users"));
        robot.clickOn("#sendButton");
        waitFor(() -> robot.lookup("#responseStatus").queryAs(Label.class).getText().startsWith("403"));
        save(dir, "console");

        page(robot, "posts");
        waitFor(() -> !robot.lookup("#postsTable").queryAs(TableView.class).getItems().isEmpty());
        save(dir, "posts");

        page(robot, "totp");
        robot.clickOn("#totpEnrol");
        waitFor(() -> robot.lookup("#totpQr").queryAs(ImageView.class).getImage() != null);
        save(dir, "totp");

        page(robot, "checks");
        robot.clickOn("#runButton");
        waitFor(() -> robot.lookup("#runSummary").queryAs(Label.class).getText().contains("passed"));
        @SuppressWarnings("unchecked")
        TableView<MatrixRow> matrix = robot.lookup("#matrixTable").queryAs(TableView.class);
        robot.interact(() -> {
            matrix.scrollTo(matrix.getItems().stream().map(MatrixRow::name).toList()
                    .indexOf("protected resource"));
            matrix.getColumns().stream().filter(column -> column.getText().equals("tampered")).findFirst()
                    .ifPresent(matrix::scrollToColumn);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".table-cell").match(node -> node instanceof TableCell<?, ?> c && c.isVisible()
                && c.getItem() instanceof CellResult r && r.column().equals("tampered")
                && r.row().equals("protected resource")).queryAs(TableCell.class));
        save(dir, "matrix");

        page(robot, "server");
        waitFor(() -> !robot.lookup("#keysTable").queryAs(TableView.class).getItems().isEmpty());
        save(dir, "server");

        robot.interact(() -> shell.darkProperty().set(true));
        robot.interact(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark()
                .getUserAgentStylesheet()));
        page(robot, "checks");
        save(dir, "matrix-dark");
        assertTrue(Files.size(dir.resolve("matrix.png")) > 10_000);
    }

    private void page(FxRobot robot, String page) {
        robot.interact(() -> shell.show(Page.fromId(page)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(Path dir, String name) throws Exception {
        WritableImage[] image = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> image[0] = stage.getScene().snapshot(null)).get(30, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", dir.resolve(name + ".png").toFile());
    }
}
