package io.tokenworkbench.client.posts.ui;

import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.TokenDecoder;
import io.tokenworkbench.client.posts.PostsService;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.Dialogs;
import io.tokenworkbench.model.common.Page;
import io.tokenworkbench.model.post.Post;
import io.tokenworkbench.model.post.PostRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "My posts", as the active identity: browse, filter to mine, write a new post, edit, publish and delete my own;
 * others' posts are read-only, with "try anyway" sending a real DELETE (after asking) so the server's 403 shows
 * ownership enforced. What each action did is said in {@link #messageProperty()}, apart from the list's summary.
 */
public final class PostsViewModel {

    private final ObservableList<Post> posts = FXCollections.observableArrayList();
    private final BooleanProperty onlyMine = new SimpleBooleanProperty(this, "onlyMine", false);
    private final ObjectProperty<Post> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty content = new SimpleStringProperty(this, "content", "");
    private final BooleanProperty published = new SimpleBooleanProperty(this, "published", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final AtomicLong loads = new AtomicLong();
    private Consumer<Post> reselect = post -> { };
    private final BooleanBinding selectedIsMine;
    private final BooleanBinding editable;

    private final PostsService service;
    private final ObservableList<Identity> identities;
    private final ObjectProperty<Identity> active;
    private final StringProperty serverUrl;
    private final BackgroundTasks tasks;
    private final Dialogs dialogs;

    public PostsViewModel(PostsService service, ObservableList<Identity> identities, ObjectProperty<Identity> active,
                          StringProperty serverUrl, BackgroundTasks tasks, Dialogs dialogs) {
        this.service = service;
        this.identities = identities;
        this.active = active;
        this.serverUrl = serverUrl;
        this.tasks = tasks;
        this.dialogs = dialogs;
        selectedIsMine = Bindings.createBooleanBinding(() -> selected.get() != null
                && myUserId() != null && selected.get().ownerId() == myUserId(), selected, active);
        editable = selected.isNull().or(selectedIsMine);
        selected.addListener((obs, old, post) -> {
            title.set(post == null ? "" : post.title());
            content.set(post == null ? "" : post.content());
            published.set(post != null && post.published());
        });
        onlyMine.addListener((obs, old, mine) -> load());
        active.addListener((obs, old, now) -> {
            message.set("");
            load();
        });
    }

    public ObservableList<Post> posts() {
        return posts;
    }

    public BooleanProperty onlyMineProperty() {
        return onlyMine;
    }

    public ObjectProperty<Post> selectedProperty() {
        return selected;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty contentProperty() {
        return content;
    }

    public BooleanProperty publishedProperty() {
        return published;
    }

    /** What the last action did, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** How many posts the list shows, and to whom. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How the view selects a post (the table owns the selection): after a reload, or null to clear it. */
    public void setReselect(Consumer<Post> reselect) {
        this.reselect = reselect;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** True when the selected post belongs to the active identity (admins may still edit others' posts). */
    public BooleanBinding selectedIsMineProperty() {
        return selectedIsMine;
    }

    /** True when the form may be typed in: a new post, or one of the active identity's own. */
    public BooleanBinding editableProperty() {
        return editable;
    }

    /** The active identity's user id, from its token's {@code sub} claim (decoded, not verified). */
    public Long myUserId() {
        return userIdOf(active.get()).orElse(null);
    }

    private static Optional<Long> userIdOf(Identity identity) {
        if (identity == null || identity.tokens() == null) {
            return Optional.empty();
        }
        if (TokenDecoder.decode(identity.tokens().accessToken()) instanceof DecodeResult.Decoded(var token)) {
            return token.claim("sub").filter(s -> s.matches("\\d{1,18}")).map(Long::parseLong);
        }
        return Optional.empty();
    }

    /** Who owns a post, in words: "alice (you)", an identity of the workbench, or "user 7". */
    public String ownerOf(Post post) {
        Long me = myUserId();
        if (me != null && me == post.ownerId()) {
            return nameOf(active.get()) + " (you)";
        }
        return identities.stream().filter(identity -> userIdOf(identity).orElse(-1L) == post.ownerId())
                .findFirst().map(PostsViewModel::nameOf).orElse("user " + post.ownerId());
    }

    private static String nameOf(Identity identity) {
        return identity.username() != null ? identity.username() : identity.label();
    }

    private String token() {
        Identity identity = active.get();
        return identity == null || identity.tokens() == null ? null : identity.tokens().accessToken();
    }

    public void load() {
        Long owner = onlyMine.get() ? myUserId() : null;
        if (onlyMine.get() && owner == null) {
            posts.clear();
            summary.set("Choose an identity to see its posts");
            return;
        }
        String server = serverUrl.get();
        String token = token();
        long request = loads.incrementAndGet();
        tasks.runQuietly(() -> service.list(server, token, owner, 100, 0), result -> {
            if (request == loads.get()) {
                show(result, this::showPage);
            }
        }, reason -> summary.set("The posts cannot be listed: " + reason));
    }

    private void showPage(Page<Post> page) {
        Post keep = selected.get();
        posts.setAll(page.items());
        if (keep != null) {
            page.items().stream().filter(p -> p.id() == keep.id()).findFirst().ifPresent(reselect);
        }
        summary.set(page.total() + (page.total() == 1 ? " post" : " posts") + " visible to "
                + (active.get() == null ? "anonymous" : active.get().label()));
    }

    /** Empties the form for a new post. */
    public void startNew() {
        reselect.accept(null);
        title.set("");
        content.set("");
        published.set(false);
        message.set("");
    }

    /** Creates a post from the form (a draft unless "published" is ticked), then empties the form. */
    public void create() {
        if (title.get().isBlank()) {
            message.set("Give the post a title first");
            return;
        }
        String server = serverUrl.get();
        String token = token();
        PostRequest request = new PostRequest(title.get(), content.get(), published.get());
        write(() -> service.create(server, token, request), post -> {
            startNew();
            message.set("Created post " + post.id() + (post.published() ? ", published" : " as a draft"));
            load();
        });
    }

    /** Saves the form over the selected post of the active identity. */
    public void save() {
        Post post = selected.get();
        if (post == null) {
            return;
        }
        update(post, new PostRequest(title.get(), content.get(), published.get()), "Saved post " + post.id());
    }

    /** Publishes the selected post with the form's text. */
    public void publish() {
        Post post = selected.get();
        if (post == null) {
            return;
        }
        published.set(true);
        update(post, new PostRequest(title.get(), content.get(), true), "Published post " + post.id());
    }

    private void update(Post post, PostRequest request, String done) {
        String server = serverUrl.get();
        String token = token();
        write(() -> service.update(server, token, post.id(), request), updated -> {
            message.set(done);
            load();
        });
    }

    /** Deletes the selected post of the active identity, once confirmed. */
    public void delete() {
        Post post = selected.get();
        if (post == null || !dialogs.confirm("Delete post", "Delete post " + post.id() + " (“" + post.title()
                + "”)? This cannot be undone.", "Delete")) {
            return;
        }
        sendDelete(post);
    }

    /**
     * Sends a real DELETE for someone else's post, once confirmed, to see the server enforce ownership (a 403 is the
     * expected answer; a 204 is a finding).
     */
    public void tryAnywayDelete() {
        Post post = selected.get();
        if (post == null || !dialogs.confirm("Try anyway", "Send a real DELETE for post " + post.id() + " of "
                + ownerOf(post) + " as " + (active.get() == null ? "anonymous" : active.get().label())
                + "? The server should refuse it; if it does not, the post is gone.", "Send DELETE")) {
            return;
        }
        sendDelete(post);
    }

    private void sendDelete(Post post) {
        String server = serverUrl.get();
        String token = token();
        write(() -> service.delete(server, token, post.id()), ignored -> {
            startNew();
            message.set("Deleted post " + post.id());
            load();
        });
    }

    /** Runs one write; a second write while one is in flight is ignored (loads never block writes). */
    private <T> void write(Supplier<PostsService.Result<T>> work, Consumer<T> onOk) {
        if (tasks.isBusy()) {
            return;
        }
        tasks.run(work, result -> show(result, onOk), reason -> message.set("Failed: " + reason));
    }

    private <T> void show(PostsService.Result<T> result, Consumer<T> onOk) {
        switch (result) {
            case PostsService.Result.Ok<T>(T value) -> onOk.accept(value);
            case PostsService.Result.Refused<T>(int status, String reason) ->
                    message.set("Refused by the server: " + status + " — " + reason);
            case PostsService.Result.Failed<T>(String reason) -> message.set("Failed: " + reason);
        }
    }
}
