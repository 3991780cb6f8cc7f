package io.tokenworkbench.client.identity.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.TimelineEvent;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

/** The identities page, headless, against a real backend: log in, see the status bar, inspect, log out. */
@ExtendWith(ApplicationExtension.class)
class IdentitiesViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        context.startClock();
        stage.setScene(new Scene(new Shell(context), 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        Platform.runLater(context::close);
    }

    @Test
    void loggingInAsAliceMakesHerActiveWithACountdown(FxRobot robot) throws Exception {
        robot.clickOn("#usernameField").write("alice");
        robot.clickOn("#passwordField").write("alice-password-1");
        robot.clickOn("#loginButton");

        Label status = robot.lookup("#statusBar").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().contains("as alice · token expires in 1"));
        assertEquals("", robot.lookup("#passwordField").queryAs(javafx.scene.control.PasswordField.class).getText(),
                "the password is not kept");

        robot.clickOn("#navInspector");
        robot.clickOn("#inspectActiveButton");
        Label signature = robot.lookup("#signatureStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signature.getText().startsWith("Signature verified"));
    }

    @Test
    void demoIdentitiesAreOneClickAwayAndLogoutShowsInTheTimeline(FxRobot robot) throws Exception {
        javafx.scene.control.Button demo = robot.lookup("#demoButton").queryButton();
        robot.clickOn(demo);
        ListView<Identity> list = robot.lookup("#identityList").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> list.getItems().size() == 5);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !demo.isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(demo, demo.getScene().getFocusOwner(),
                "the focus waited while the button was disabled and came back, never to a text field");
        assertTrue(list.getItems().stream().map(Identity::label).toList().containsAll(
                java.util.List.of("alice", "bob", "sam", "mia", "root")));

        robot.interact(() -> list.scrollTo(1));
        robot.doubleClickOn(robot.lookup(".list-cell").match(node -> node instanceof javafx.scene.control.ListCell<?> c
                && c.isVisible() && c.getItem() instanceof Identity i && i.label().equals("bob"))
                .queryAs(javafx.scene.Node.class));
        assertEquals("bob", context.activeIdentity().get().label(), "a double-click makes an identity active");

        robot.interact(() -> list.getSelectionModel().select(1));
        robot.clickOn("#logoutButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().get(1).tokens() == null);
        ListView<TimelineEvent> timeline = robot.lookup("#timelineList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !timeline.getItems().isEmpty() && timeline.getItems().getLast().kind() == TimelineEvent.Kind.REVOKED);
    }

    @Test
    void aRememberedIdentityComesBackInTheNextWindowUntilItIsForgotten(FxRobot robot) throws Exception {
        robot.clickOn("#usernameField").write("mia");
        robot.clickOn("#passwordField").write("mia-password-1");
        robot.clickOn("#loginButton");
        ListView<Identity> list = robot.lookup("#identityList").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().stream()
                .anyMatch(i -> i.label().equals("mia")));
        robot.interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(i -> i.label().equals("mia")).findFirst().orElseThrow()));
        javafx.scene.control.Button remember = robot.lookup("#rememberButton").queryButton();
        assertEquals("Remember", remember.getText());
        robot.clickOn(remember);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> remember.getText().equals("Forget"));

        AppContext next = backend.workbenchContext(configDir);
        try {
            robot.interact(() -> {
                Shell shell = new Shell(next);
                remember.getScene().getWindow().getScene().setRoot(shell);
                shell.restoreRememberedLogins();
            });
            ListView<Identity> restored = robot.lookup("#identityList").queryListView();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> restored.getItems().stream()
                    .anyMatch(i -> i.label().equals("mia") && i.tokens() != null));
            assertEquals("mia", next.activeIdentity().get().label(), "the window starts as the remembered identity");
            assertTrue(robot.lookup("#identityMessage").queryAs(Label.class).getText()
                    .startsWith("Brought back mia from remembered logins"));

            robot.interact(() -> restored.getSelectionModel().select(0));
            javafx.scene.control.Button forget = robot.lookup("#rememberButton").queryButton();
            assertEquals("Forget", forget.getText());
            robot.clickOn(forget);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forget.getText().equals("Remember"));
            assertTrue(next.rememberedLogins().forServer(backend.baseUrl()).isEmpty());
        } finally {
            Platform.runLater(next::close);
        }
    }

    @Test
    void aWrongPasswordShowsTheServersAnswer(FxRobot robot) throws Exception {
        robot.clickOn("#usernameField").write("bob");
        robot.clickOn("#passwordField").write("not-his-password");
        robot.clickOn("#loginButton");

        Label message = robot.lookup("#identityMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().contains("invalid_grant"));
    }
}
