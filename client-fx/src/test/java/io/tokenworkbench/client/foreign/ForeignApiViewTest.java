package io.tokenworkbench.client.foreign;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.ui.IdentitiesViewModel.Kind;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench, headless, pointed at an API that is not ours: it is reachable although it has no {@code /ping},
 * the identities page logs in its own ways, and the console sends as those identities — and not to other origins.
 */
@ExtendWith(ApplicationExtension.class)
class ForeignApiViewTest {

    @TempDir
    static Path configDir;
    private static ForeignApi server;
    private static ForeignApi elsewhere;
    private AppContext context;
    private Shell shell;

    @BeforeAll
    static void startServers() throws Exception {
        server = ForeignApi.hs256("k9f3Qm2vXw8LrT5zB1nH7cJ4pY6sD0aE");
        elsewhere = ForeignApi.hs256("another-secret-entirely-0123456789");
    }

    @AfterAll
    static void stopServers() {
        server.close();
        elsewhere.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = new AppContext(server.baseUrl(), configDir, Clock.systemUTC(), Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), ApiClient.create());
        context.startClock();
        shell = new Shell(context);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
        shell.startServerChecks();
    }

    @AfterEach
    void closeContext() {
        Platform.runLater(() -> {
            shell.stopServerChecks();
            context.close();
        });
    }

    private static void choose(FxRobot robot, Kind kind) {
        robot.interact(() -> robot.lookup("#kindChoice").<Kind>queryComboBox().setValue(kind));
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(javafx.scene.control.TextInputControl.class).setText(text));
    }

    private static Label sendAs(FxRobot robot, String path, Identity identity) throws Exception {
        robot.clickOn("#navConsole");
        robot.interact(() -> {
            robot.lookup("#sendAsBox").<Identity>queryComboBox().setValue(identity);
            robot.lookup("#pathField").queryAs(TextField.class).setText(path);
        });
        robot.clickOn("#sendButton");
        Label status = robot.lookup("#responseStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !status.getText().isEmpty()
                && !status.getText().startsWith("Sending"));
        return status;
    }

    private static Identity newest(FxRobot robot, int count) throws Exception {
        ListView<Identity> list = robot.lookup("#identityList").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == count);
        return list.getItems().getLast();
    }

    @Test
    void anApiWithoutPingIsReachable(FxRobot robot) throws Exception {
        Label status = robot.lookup("#serverStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().equals("connected"));
        assertFalse(robot.lookup("#unreachableBanner").queryAs(Label.class).getParent().isVisible(),
                "no banner: any HTTP answer means the server is there");
    }

    @Test
    void itsOwnLoginsWorkAndTheConsoleSendsAsThem(FxRobot robot) throws Exception {
        robot.clickOn("#navIdentities");
        type(robot, "#tokenEndpointField", "/token");
        type(robot, "#usernameField", "johndoe");
        type(robot, "#passwordField", "secret");
        type(robot, "#scopeField", "me items");
        robot.clickOn("#loginButton");
        Identity john = newest(robot, 1);
        assertTrue(john.tokens() != null, "the form login at /token gave a token");
        assertTrue(sendAs(robot, "/users/me/items/", john).getText().startsWith("200"));

        robot.clickOn("#navIdentities");
        choose(robot, Kind.CUSTOM);
        type(robot, "#loginPathField", "/api/token/");
        type(robot, "#tokenAtField", "/access");
        type(robot, "#usernameField", "alice");
        type(robot, "#passwordField", "wonderland");
        robot.clickOn("#loginButton");
        Identity alice = newest(robot, 2);
        assertTrue(sendAs(robot, "/api/profile/", alice).getText().startsWith("200"));

        robot.clickOn("#navIdentities");
        choose(robot, Kind.SESSION);
        type(robot, "#loginPathField", "/session/login");
        type(robot, "#usernameField", "alice");
        type(robot, "#passwordField", "wonderland");
        robot.clickOn("#loginButton");
        Identity session = newest(robot, 3);
        assertTrue(sendAs(robot, "/session/me", session).getText().startsWith("200"), "the cookie was sent");

        robot.clickOn("#navIdentities");
        choose(robot, Kind.API_KEY);
        type(robot, "#passwordField", ForeignApi.API_KEY);
        robot.clickOn("#loginButton");
        Identity key = newest(robot, 4);
        assertTrue(sendAs(robot, "/keyed/data", key).getText().startsWith("200"));

        Label otherOrigin = sendAs(robot, elsewhere.baseUrl() + "/keyed/data", key);
        assertTrue(otherOrigin.getText().startsWith("401"), "the key did not go to another origin");
        Label explanation = robot.lookup("#responseExplanation").queryAs(Label.class);
        assertTrue(explanation.getText().contains("Sent without"), explanation.getText());
        Button allow = robot.lookup("#allowOriginButton").queryButton();
        assertTrue(allow.isVisible());
        var history = robot.lookup("#historyList").queryListView().getItems();
        assertFalse(history.toString().contains(ForeignApi.API_KEY), "history keeps no key");
    }

    @Test
    void pagesOfOurContractSaySoAndTheBuiltInSuiteIsNotRun(FxRobot robot) throws Exception {
        robot.clickOn("#navPosts");
        Label notice = robot.lookup("#contractNotice").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, notice::isVisible);
        assertTrue(notice.getText().contains("is another API"), notice.getText());

        robot.clickOn("#navChecks");
        robot.clickOn("#builtinSuite");
        Label summary = robot.lookup("#runSummary").queryAs(Label.class);
        assertTrue(summary.getText().contains("will not run there"), summary.getText());
        robot.clickOn("#runButton");
        assertTrue(summary.getText().contains("its cells would only fail"), summary.getText());
    }

    @Test
    void aTokenForgedOnTheSignTabWithTheKnownSecretIsAcceptedAndTheMatrixRunsASuite(FxRobot robot) throws Exception {
        robot.clickOn("#navInspector");
        robot.clickOn("#signTab");
        long now = java.time.Instant.now().getEpochSecond();
        type(robot, "#signPayload", "{\"sub\": \"johndoe\", \"scopes\": [\"me\"], \"exp\": " + (now + 300) + "}");
        type(robot, "#signKey", "k9f3Qm2vXw8LrT5zB1nH7cJ4pY6sD0aE");
        robot.clickOn("#signButton");
        ListView<?> results = robot.lookup("#signResults").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 1);
        robot.interact(() -> results.getSelectionModel().selectFirst());
        robot.clickOn("#addSignedIdentity");
        robot.clickOn("#navIdentities");
        Identity forged = newest(robot, 1);
        assertTrue(sendAs(robot, "/users/me/", forged).getText().startsWith("200"), "the server took the forged token");

        robot.clickOn("#navChecks");
        String suite = """
                name: FastAPI-style API
                auth:
                  token_endpoint: /token
                identities:
                  johndoe: {login: {username: johndoe, password: secret, scope: "me items"}}
                  none: {derive: {from: johndoe, kind: none-variants}}
                checks:
                  - {name: status, request: GET /status/, expect: 200}
                  - {name: me, request: GET /users/me/, expect: {default: 401, johndoe: 200}}
                """;
        robot.interact(() -> robot.lookup("#suiteEditor").queryAs(org.fxmisc.richtext.CodeArea.class)
                .replaceText(suite));
        robot.clickOn("#runButton");
        Label summary = robot.lookup("#runSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().startsWith("6 cells"));
        assertTrue(summary.getText().contains("6 passed, 0 failed, 0 errors"), summary.getText());
    }
}
