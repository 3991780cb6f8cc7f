package io.tokenworkbench.client.console.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.server.ServerApp;
import io.tokenworkbench.server.config.AppConfig;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request console, headless, against a real backend: /protected as anonymous and as alice. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path configDir;
    private static ServerApp backend;
    private AppContext context;

    @BeforeAll
    static void startBackend() {
        backend = ServerApp.start(AppConfig.forDevelopment(dataDir).withRateLimitsEnabled(false));
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = new AppContext(backend.baseUrl(), configDir, Clock.systemUTC(), Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), ApiClient.create());
        Shell shell = new Shell(context);
        shell.show("console");
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
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#historyList").queryListView().getItems().size() == 2);
    }
}
