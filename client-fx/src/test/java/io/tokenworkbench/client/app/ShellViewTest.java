package io.tokenworkbench.client.app;

import atlantafx.base.theme.PrimerLight;
import com.sun.net.httpserver.HttpServer;
import io.tokenworkbench.client.http.ApiClient;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell against a deliberately slow server: while a request hangs, the FX thread keeps serving events; and the
 * shell's page and theme state.
 */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {

    @TempDir
    static Path configDir;
    private static HttpServer slowServer;
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private AppContext context;
    private Shell shell;

    @BeforeAll
    static void startSlowServer() throws Exception {
        slowServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slowServer.createContext("/ping", exchange -> answer(exchange, "{\"ping\":\"pong\"}"));
        slowServer.createContext("/slow", exchange -> {
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, "{\"finally\":true}");
        });
        slowServer.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stopSlowServer() {
        RELEASE.countDown();
        slowServer.stop(0);
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = new AppContext("http://127.0.0.1:" + slowServer.getAddress().getPort(), configDir,
                Clock.systemUTC(), Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(), ApiClient.create());
        shell = new Shell(context);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void aHangingRequestDoesNotStallTheUserInterface(FxRobot robot) throws Exception {
        robot.interact(() -> shell.show(Page.CONSOLE));
        robot.interact(() -> robot.lookup("#pathField").queryAs(TextField.class).setText("/slow"));
        robot.clickOn("#sendButton");

        Label status = robot.lookup("#responseStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().startsWith("Sending"));
        for (int i = 0; i < 5; i++) {
            CountDownLatch served = new CountDownLatch(1);
            Platform.runLater(served::countDown);
            assertTrue(served.await(2, TimeUnit.SECONDS), "the FX thread serves events while the request hangs");
        }
        assertTrue(robot.lookup("#sendButton").queryAs(Button.class).isDisabled(), "no second send while in flight");
        robot.clickOn("#navInspector");
        assertEquals(Page.INSPECTOR, shell.currentPageProperty().get(), "navigation works meanwhile");

        RELEASE.countDown();
        robot.interact(() -> shell.show(Page.CONSOLE));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("200"));
    }

    @Test
    void theThemeTogglesAndPagesFollowTheirShortcuts(FxRobot robot) {
        robot.clickOn("#themeToggle");
        assertTrue(shell.darkProperty().get());

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        assertEquals(Page.SERVER, shell.currentPageProperty().get());
        assertEquals(Page.IDENTITIES, Page.fromId("a-page-from-an-old-settings-file"));
    }

    @Test
    void everyPageTakesTheKeyboardOnItsOwnControlNeverOnTheServerUrl(FxRobot robot) {
        TextField url = robot.lookup("#serverUrl").queryAs(TextField.class);
        for (Page page : Page.values()) {
            robot.press(KeyCode.CONTROL, KeyCode.getKeyCode(String.valueOf(page.ordinal() + 1)))
                    .release(KeyCode.getKeyCode(String.valueOf(page.ordinal() + 1)), KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.Node focused = url.getScene().getFocusOwner();
            assertEquals(page, shell.currentPageProperty().get());
            assertTrue(focused != null && isInside(focused, robot.lookup("#pageHolder").queryAs(
                    javafx.scene.Parent.class)), page + ": the focus is on " + focused);
        }
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        assertEquals(url, url.getScene().getFocusOwner(), "Ctrl+L goes to the server URL");
        assertEquals(url.getText(), url.getSelectedText());
    }

    private static boolean isInside(javafx.scene.Node node, javafx.scene.Parent parent) {
        for (javafx.scene.Node at = node; at != null; at = at.getParent()) {
            if (at == parent) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tabLeavesATextAreaAndCtrlTabTypesATab(FxRobot robot) {
        robot.interact(() -> shell.show(Page.CONSOLE));
        javafx.scene.control.TextArea headers = robot.lookup("#headersArea")
                .queryAs(javafx.scene.control.TextArea.class);
        robot.clickOn(headers);
        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        assertEquals("\t", headers.getText());
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        assertTrue(!headers.isFocused() && headers.getText().equals("\t"), "Tab moved on and typed nothing");
    }

    @Test
    void anUnreachableServerIsABannerWithItsReasonAndACountdownOverThePage(FxRobot robot) throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        double pageTop = robot.lookup("#pageHolder").query().localToScene(0, 0).getY();
        robot.interact(() -> {
            context.startClock();
            context.serverUrl().set(url);
            shell.startServerChecks();
        });

        Label banner = robot.lookup("#unreachableBanner").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> banner.isVisible() && banner.getScene() != null
                && robot.lookup("#unreachableBox").query().isVisible());
        assertTrue(banner.getText().startsWith("The server at " + url + " cannot be reached: Connection refused"),
                banner.getText());
        assertTrue(banner.getText().matches(".*Trying again in \\d s\\."), banner.getText());
        assertTrue(!banner.getText().contains("Exception"), "no class names: " + banner.getText());
        assertTrue(!banner.getText().contains("?."), "one stop after a question: " + banner.getText());
        assertEquals(pageTop, robot.lookup("#pageHolder").query().localToScene(0, 0).getY(),
                "the banner lies over the page instead of pushing it down");
        robot.interact(shell::stopServerChecks);
    }
}
