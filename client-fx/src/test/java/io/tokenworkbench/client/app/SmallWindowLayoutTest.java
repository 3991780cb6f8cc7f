package io.tokenworkbench.client.app;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.support.FakeDialogs;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page in the smallest window the workbench allows, 1024×700 (issue 11, #1): no button, label, tab or header
 * is cut to "…", and the F1 list of shortcuts opens from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowLayoutTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;
    private Shell shell;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        context.useDialogs(dialogs);
        Identity alice = ((IdentityService.Outcome.Success) context.identityService()
                .login(backend.baseUrl(), "alice", "alice-password-1", null)).identity();
        context.identities().add(alice);
        context.activeIdentity().set(alice);
        shell = new Shell(context);
        stage.setScene(new Scene(shell, WorkbenchApp.MIN_WIDTH, WorkbenchApp.MIN_HEIGHT));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        Platform.runLater(context::close);
    }

    @Test
    void noControlOnAnyPageIsCutShortAt1024By700(FxRobot robot) throws Exception {
        List<String> cut = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Page page : Page.values()) {
            robot.interact(() -> shell.show(page));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> collectCut(shell, page, cut, checked));
        }
        assertTrue(checked.size() > 100, "the check saw the controls: " + checked.size());
        assertTrue(cut.isEmpty(), "cut to …: " + String.join("\n", cut));
    }

    /** Visible labelled controls (not table or list cells, whose whole text is in a tooltip) showing an ellipsis. */
    private static void collectCut(Node node, Page page, List<String> cut, List<String> checked) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && !(node instanceof Cell<?>) && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
            checked.add(labeled.getText());
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && child.getStyleClass().contains("text")
                        && !shown.getText().equals(labeled.getText()) && shown.getText().endsWith("…")
                        && !labeled.getText().endsWith("…")) {
                    cut.add(page + ": \"" + labeled.getText() + "\" shown as \"" + shown.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectCut(child, page, cut, checked);
            }
        }
    }

    @Test
    void f1ListsTheShortcuts(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
        assertEquals(1, dialogs.asked().size());
        assertTrue(dialogs.asked().getFirst().startsWith("Keyboard shortcuts: Ctrl+1 … Ctrl+7"),
                dialogs.asked().getFirst());
    }
}
