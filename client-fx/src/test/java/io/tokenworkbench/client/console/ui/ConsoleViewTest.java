package io.tokenworkbench.client.console.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Page;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.identity.IdentityService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request console, headless, against a real backend: /protected as anonymous and as alice. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        Shell shell = new Shell(context);
        shell.show(Page.CONSOLE);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        Platform.runLater(context::close);
    }

    @Test
    void protectedIs401AnonymouslyWithTheChallengeParsedAnd200AsAlice(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#pathField").queryAs(TextField.class).setText("/protected"));
        robot.clickOn("#sendButton");

        Label status = robot.lookup("#responseStatus").queryAs(Label.class);
        Label explanation = robot.lookup("#responseExplanation").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("401"));
        assertTrue(status.getStyleClass().contains("warning"));
        assertTrue(explanation.getText().contains("Challenge: Bearer realm=api"), explanation.getText());

        var alice = ((IdentityService.Outcome.Success) context.identityService()
                .login(backend.baseUrl(), "alice", "alice-password-1", null)).identity();
        robot.interact(() -> {
            context.identities().add(alice);
            robot.lookup("#sendAsBox").<io.tokenworkbench.client.identity.Identity>queryComboBox().setValue(
                    context.identities().getFirst());
        });
        robot.clickOn("#sendButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("200"));
        assertTrue(status.getStyleClass().contains("success"));
        assertTrue(status.getText().matches("200  ·  \\d+ ms  ·  \\d+ B  ·  as alice"), "size and sender: " + status.getText());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#historyList").queryListView().getItems().size() == 2);

        javafx.scene.control.TextArea body = robot.lookup("#responseBody").queryAs(javafx.scene.control.TextArea.class);
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertTrue(robot.lookup("#findInResponse").queryAs(TextField.class).isFocused(), "Ctrl+F goes to find");
        robot.write("protected");
        assertEquals("protected", body.getSelectedText(), "find selects the first match in the answer");
        assertEquals("1 of 1", robot.lookup("#findResult").queryAs(Label.class).getText());
        robot.clickOn("Raw");
        assertTrue(robot.lookup("#responseRaw").queryAs(javafx.scene.control.TextArea.class).getText()
                .startsWith("HTTP 200\n"), "the raw tab has the status line, headers and body");
    }
}
