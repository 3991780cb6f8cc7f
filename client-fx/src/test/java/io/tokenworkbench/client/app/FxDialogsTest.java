package io.tokenworkbench.client.app;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's real dialogs, headless: Escape cancels a question and closes a text, Enter agrees. */
@ExtendWith(ApplicationExtension.class)
class FxDialogsTest {

    private FxDialogs dialogs;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("workbench"), 400, 300));
        stage.show();
        dialogs = new FxDialogs(() -> stage);
    }

    @Test
    void escapeCancelsAQuestion(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(() -> dialogs.confirm("Delete post", "Delete post 7?", "Delete"));
        robot.type(KeyCode.ESCAPE);
        assertFalse(answer.get(10, TimeUnit.SECONDS));
        waitUntilTheDialogCloses();
    }

    @Test
    void enterAgrees(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask(() -> dialogs.confirm("Delete post", "Delete post 7?", "Delete"));
        robot.type(KeyCode.ENTER);
        assertTrue(answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void escapeClosesAText(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> closed = ask(() -> {
            dialogs.inform("Keyboard shortcuts", "F1  this list");
            return true;
        });
        robot.type(KeyCode.ESCAPE);
        assertTrue(closed.get(10, TimeUnit.SECONDS));
        waitUntilTheDialogCloses();
    }

    /** Opens the dialog on the FX thread and returns once it shows; the future completes when it is closed. */
    private static CompletableFuture<Boolean> ask(Supplier<Boolean> dialog) throws Exception {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialog.get()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().size() == 2
                && Window.getWindows().get(1).isFocused());
        return answer;
    }

    private static void waitUntilTheDialogCloses() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().size() == 1);
    }
}
