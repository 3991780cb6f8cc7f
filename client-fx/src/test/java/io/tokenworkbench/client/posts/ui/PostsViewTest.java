package io.tokenworkbench.client.posts.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Page;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.support.FakeDialogs;
import io.tokenworkbench.model.post.Post;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "My posts" as alice, headless, against a real backend: create (the form empties; Enter in the title creates a new
 * post or saves the selected one), edit, publish and delete her post
 * (after a confirmation), each said in a message; bob's post read-only, and "try anyway" asks before it is refused.
 */
@ExtendWith(ApplicationExtension.class)
class PostsViewTest {

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
        shell.show(Page.POSTS);
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
        TextField title = robot.lookup("#postTitle").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());

        robot.interact(() -> {
            title.setText("Written in the workbench");
            robot.lookup("#postContent").queryAs(TextArea.class).setText("first version");
        });
        robot.clickOn("#createPostButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(p -> p.title().equals("Written in the workbench")));
        assertTrue(message.getText().matches("Created post \\d+ as a draft"), message.getText());
        assertEquals("", title.getText(), "the form is emptied, so a second click makes no duplicate");
        robot.interact(() -> title.setText("Created with Enter"));
        robot.clickOn(title).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(p -> p.title().equals("Created with Enter")));

        Post mine = table.getItems().stream().filter(p -> p.title().equals("Written in the workbench")).findFirst()
                .orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(mine));
        assertTrue(robot.lookup("#createPostButton").queryButton().isDisabled(), "Create is for a new post");
        assertEquals("alice (you)", table.getColumns().get(1).getCellData(mine), "the owner by name");
        robot.interact(() -> title.setText("Edited in the workbench"));
        robot.clickOn(title).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().equals("Saved post " + mine.id()));
        robot.clickOn("#publishPostButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().equals("Published post " + mine.id()));

        dialogs.agreeing(false);
        robot.clickOn("#deletePostButton");
        assertTrue(dialogs.asked().getLast().startsWith("Delete post: Delete post " + mine.id()), dialogs.asked()::toString);
        assertTrue(table.getItems().stream().anyMatch(p -> p.id() == mine.id()), "a cancelled delete sends nothing");
        dialogs.agreeing(true);
        robot.clickOn("#deletePostButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .noneMatch(p -> p.id() == mine.id()));
        assertEquals("Deleted post " + mine.id(), message.getText());

        Post bobs = table.getItems().stream().filter(p -> p.title().equals("Bob's notes")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(bobs));
        assertTrue(robot.lookup("#deletePostButton").queryButton().isDisabled(), "others' posts are read-only");
        assertFalse(title.isEditable(), "and so are their fields");
        assertEquals("user " + bobs.ownerId(), table.getColumns().get(1).getCellData(bobs),
                "an owner the workbench has no identity of, by id");
        robot.clickOn("#tryAnywayButton");
        assertTrue(dialogs.asked().getLast().startsWith("Try anyway: Send a real DELETE for post " + bobs.id()),
                dialogs.asked()::toString);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().contains("403"));
        assertTrue(message.getText().contains("belongs to someone else"), message.getText());
    }
}
