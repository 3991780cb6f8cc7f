package io.tokenworkbench.client.posts.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.client.support.ui.TextColumns;
import io.tokenworkbench.model.post.Post;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** "My posts": a table of posts, an editor for a new or the selected post, and "try anyway" for others' posts. */
public final class PostsView extends BorderPane {

    private final PostsViewModel model;

    public PostsView(PostsViewModel model) {
        this.model = model;
        setId("postsView");
        createView();
    }

    private void createView() {
        Button reload = new Button("Reload");
        reload.setId("reloadPostsButton");
        reload.setOnAction(event -> model.load());
        CheckBox onlyMine = new CheckBox("Only mine");
        onlyMine.setId("onlyMineCheck");
        onlyMine.selectedProperty().bindBidirectional(model.onlyMineProperty());
        Label summary = new Label();
        summary.setId("postsSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox toolbar = new HBox(12, reload, onlyMine, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Post> table = new TableView<>(model.posts());
        table.setId("postsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(TextColumns.of("Id", p -> String.valueOf(p.id()), 60));
        table.getColumns().add(TextColumns.of("Owner", model::ownerOf, 140));
        table.getColumns().add(TextColumns.of("State", p -> p.published() ? "published" : "draft", 90));
        table.getColumns().add(TextColumns.of("Title", Post::title, 400));
        table.setPlaceholder(new Label("No posts: reload, or choose an identity"));
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        model.setReselect(post -> {
            if (post == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().select(post);
            }
        });

        Label readOnly = new Label("Someone else's post: read-only for you");
        readOnly.setId("readOnlyNote");
        readOnly.getStyleClass().add(Styles.WARNING);
        TextField title = new TextField();
        title.setId("postTitle");
        title.setPromptText("Title");
        title.textProperty().bindBidirectional(model.titleProperty());
        title.editableProperty().bind(model.editableProperty());
        TextArea content = new TextArea();
        content.setId("postContent");
        content.setPromptText("Content");
        content.setPrefRowCount(4);
        content.setWrapText(true);
        content.textProperty().bindBidirectional(model.contentProperty());
        content.editableProperty().bind(model.editableProperty());
        CheckBox published = new CheckBox("Published (visible to everyone; a draft only to you and admins)");
        published.setId("postPublished");
        published.selectedProperty().bindBidirectional(model.publishedProperty());
        published.disableProperty().bind(model.editableProperty().not());

        Button startNew = new Button("New post");
        startNew.setId("newPostButton");
        startNew.setOnAction(event -> model.startNew());
        Button create = new Button("Create");
        create.setId("createPostButton");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(event -> model.create());
        Button save = new Button("Save");
        save.setId("savePostButton");
        save.setOnAction(event -> model.save());
        Button publish = new Button("Publish");
        publish.setId("publishPostButton");
        publish.setOnAction(event -> model.publish());
        Button delete = new Button("Delete…");
        delete.setId("deletePostButton");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(event -> model.delete());
        Button tryAnyway = new Button("Try anyway: delete it…");
        tryAnyway.setId("tryAnywayButton");
        tryAnyway.getStyleClass().add(Styles.WARNING);
        tryAnyway.setOnAction(event -> model.tryAnywayDelete());
        title.setOnAction(event -> (create.isDisabled() ? save : create).fire());

        var none = model.selectedProperty().isNull();
        var mine = model.selectedIsMineProperty();
        create.disableProperty().bind(none.not().or(model.busyProperty()));
        save.disableProperty().bind(none.or(mine.not()).or(model.busyProperty()));
        publish.disableProperty().bind(none.or(mine.not()).or(model.publishedProperty()).or(model.busyProperty()));
        delete.disableProperty().bind(none.or(mine.not()).or(model.busyProperty()));
        tryAnyway.visibleProperty().bind(none.not().and(mine.not()));
        tryAnyway.managedProperty().bind(tryAnyway.visibleProperty());
        readOnly.visibleProperty().bind(tryAnyway.visibleProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());

        Label message = new Label();
        message.setId("postsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.textProperty().addListener((obs, old, text) -> {
            message.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            message.getStyleClass().add(text.startsWith("Refused") || text.startsWith("Failed")
                    ? Styles.DANGER : Styles.SUCCESS);
        });

        FlowPane actions = new FlowPane(8, 8, startNew, create, save, publish, delete, tryAnyway);
        VBox editor = new VBox(8, readOnly, title, content, published, actions, message);
        VBox center = new VBox(10, toolbar, table, editor);
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(center);
        setPadding(new Insets(12));
        getProperties().put("initial-focus", table);
    }
}
