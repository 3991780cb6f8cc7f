package io.tokenworkbench.client.posts.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.model.post.Post;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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

/** "My posts" as alice, headless, against a real backend: create, edit, delete her post; bob's refused with 403. */
@ExtendWith(ApplicationExtension.class)
class PostsViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;
    private Shell shell;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        Identity alice = ((IdentityService.Outcome.Success) context.identityService()
                .login(backend.baseUrl(), "alice", "alice-password-1", null)).identity();
        context.identities().add(alice);
        context.activeIdentity().set(alice);
        shell = new Shell(context);
        shell.show("posts");
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        Platform.runLater(context::close);
    }

    @Test
    void aliceCreatesEditsAndDeletesHerPostAndIsRefusedOnBobs(FxRobot robot) throws Exception {
        TableView<Post> table = robot.lookup("#postsTable").queryTableView();
        Label message = robot.lookup("#postsMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());

        robot.interact(() -> {
            robot.lookup("#postTitle").queryAs(TextField.class).setText("Written in the workbench");
            robot.lookup("#postContent").queryAs(TextArea.class).setText("first version");
        });
        robot.clickOn("#createPostButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(p -> p.title().equals("Written in the workbench")));

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(p -> p.title().equals("Written in the workbench")).findFirst().orElseThrow()));
        robot.interact(() -> robot.lookup("#postTitle").queryAs(TextField.class).setText("Edited in the workbench"));
        robot.clickOn("#savePostButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(p -> p.title().equals("Edited in the workbench")));

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(p -> p.title().equals("Edited in the workbench")).findFirst().orElseThrow()));
        robot.clickOn("#deletePostButton");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .noneMatch(p -> p.title().equals("Edited in the workbench")));

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(p -> p.title().equals("Bob's notes")).findFirst().orElseThrow()));
        assertTrue(robot.lookup("#deletePostButton").queryButton().isDisabled(), "others' posts are read-only");
        robot.clickOn("#tryAnywayButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().contains("403"));
        assertTrue(message.getText().contains("belongs to someone else"), message.getText());
    }
}
