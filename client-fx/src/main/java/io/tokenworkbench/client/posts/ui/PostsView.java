package io.tokenworkbench.client.posts.ui;

import atlantafx.base.theme.Styles;
import io.tokenworkbench.model.post.Post;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** "My posts": a table of posts, an editor for the selected one, and "try anyway" for others' posts. */
public final class PostsView extends BorderPane {

    private final PostsViewModel model;

    public PostsView(PostsViewModel model) {
        this.model = model;
        setId("postsView");
        createView();
    }

    private void createView() {
        CheckBox onlyMine = new CheckBox("Only mine");
        onlyMine.setId("onlyMineCheck");
        onlyMine.selectedProperty().bindBidirectional(model.onlyMineProperty());
        Button reload = new Button("Reload");
        reload.setId("reloadPostsButton");
        reload.setOnAction(event -> model.load());
        Label message = new Label();
        message.setId("postsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox toolbar = new HBox(12, reload, onlyMine, message);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Post> table = new TableView<>(model.posts());
        table.setId("postsTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Id", p -> String.valueOf(p.id()), 60));
        table.getColumns().add(column("Owner", p -> String.valueOf(p.ownerId()), 70));
        table.getColumns().add(column("State", p -> p.published() ? "published" : "draft", 90));
        table.getColumns().add(column("Title", Post::title, 400));
        table.setPlaceholder(new Label("No posts: reload, or choose an identity"));
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        model.setReselect(post -> table.getSelectionModel().select(post));

        TextField title = new TextField();
        title.setId("postTitle");
        title.setPromptText("title");
        title.textProperty().bindBidirectional(model.titleProperty());
        TextArea content = new TextArea();
        content.setId("postContent");
        content.setPromptText("content");
        content.setPrefRowCount(5);
        content.textProperty().bindBidirectional(model.contentProperty());
        CheckBox published = new CheckBox("Published");
        published.setId("postPublished");
        published.selectedProperty().bindBidirectional(model.publishedProperty());

        Button create = new Button("Create as new post");
        create.setId("createPostButton");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(event -> model.create());
        Button save = new Button("Save");
        save.setId("savePostButton");
        save.setOnAction(event -> model.save());
        Button publish = new Button("Publish");
        publish.setId("publishPostButton");
        publish.setOnAction(event -> model.publish());
        Button delete = new Button("Delete");
        delete.setId("deletePostButton");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(event -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete this post?", ButtonType.OK, ButtonType.CANCEL);
            confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.delete());
        });
        Button tryAnyway = new Button("Try anyway: delete someone else's post");
        tryAnyway.setId("tryAnywayButton");
        tryAnyway.getStyleClass().add(Styles.WARNING);
        tryAnyway.setOnAction(event -> model.delete());

        var none = model.selectedProperty().isNull();
        var mine = model.selectedIsMineProperty();
        save.disableProperty().bind(none.or(mine.not()));
        publish.disableProperty().bind(none.or(mine.not()));
        delete.disableProperty().bind(none.or(mine.not()));
        tryAnyway.visibleProperty().bind(none.not().and(mine.not()));
        tryAnyway.managedProperty().bind(tryAnyway.visibleProperty());
        Label readOnly = new Label("Someone else's post: read-only for you");
        readOnly.setId("readOnlyNote");
        readOnly.visibleProperty().bind(tryAnyway.visibleProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());

        VBox editor = new VBox(8, readOnly, title, content, published,
                new HBox(8, create, save, publish, delete, tryAnyway));
        VBox center = new VBox(8, toolbar, table, editor);
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(center);
        setPadding(new Insets(12));
    }

    private static TableColumn<Post, String> column(String title, Function<Post, String> value, double width) {
        TableColumn<Post, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
