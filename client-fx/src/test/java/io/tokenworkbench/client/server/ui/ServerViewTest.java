package io.tokenworkbench.client.server.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.server.ServerDiscovery;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server page, headless, reading a real backend's metadata and keys. */
@ExtendWith(ApplicationExtension.class)
class ServerViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        stage.setScene(new Scene(new Shell(context), 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void theServerPageShowsMetadataAndKeys(FxRobot robot) throws Exception {
        robot.clickOn("#navServer");

        TableView<?> metadata = robot.lookup("#metadataTable").queryAs(TableView.class);
        TableView<?> keys = robot.lookup("#keysTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !keys.getItems().isEmpty());
        assertTrue(metadata.getItems().stream().anyMatch(e -> ((ServerDiscovery.Entry) e).name().equals("issuer")));
        assertTrue(((ServerDiscovery.KeyInfo) keys.getItems().getFirst()).type().equals("RSA"));
    }
}
