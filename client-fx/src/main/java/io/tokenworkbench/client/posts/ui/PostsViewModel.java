package io.tokenworkbench.client.posts.ui;

import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.TokenDecoder;
import io.tokenworkbench.client.posts.PostsService;
import io.tokenworkbench.model.common.Page;
import io.tokenworkbench.model.post.Post;
import io.tokenworkbench.model.post.PostRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "My posts", as the active identity: browse, filter to mine, create, edit, publish, delete my own; others' posts
 * are read-only, with "try anyway" sending the change so the server's 403 shows ownership enforced.
 */
public final class PostsViewModel {

    private final ObservableList<Post> posts = FXCollections.observableArrayList();
    private final BooleanProperty onlyMine = new SimpleBooleanProperty(this, "onlyMine", false);
    private final ObjectProperty<Post> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty content = new SimpleStringProperty(this, "content", "");
    private final BooleanProperty published = new SimpleBooleanProperty(this, "published", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final java.util.concurrent.atomic.AtomicLong loads = new java.util.concurrent.atomic.AtomicLong();
    private Consumer<Post> reselect = post -> { };
    private final BooleanBinding selectedIsMine;

    private final PostsService service;
    private final ObjectProperty<Identity> active;
    private final StringProperty serverUrl;
    private final Executor background;
    private final Executor ui;

    public PostsViewModel(PostsService service, ObjectProperty<Identity> active, StringProperty serverUrl,
                          Executor background, Executor ui) {
        this.service = service;
        this.active = active;
        this.serverUrl = serverUrl;
        this.background = background;
        this.ui = ui;
        selectedIsMine = Bindings.createBooleanBinding(() -> selected.get() != null
                && myUserId() != null && selected.get().ownerId() == myUserId(), selected, active);
        selected.addListener((obs, old, post) -> {
            title.set(post == null ? "" : post.title());
            content.set(post == null ? "" : post.content());
            published.set(post != null && post.published());
        });
        onlyMine.addListener((obs, old, mine) -> load());
        active.addListener((obs, old, now) -> load());
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

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** How the view re-selects a post after a reload (the table owns the selection). */
    public void setReselect(Consumer<Post> reselect) {
        this.reselect = reselect;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when the selected post belongs to the active identity (admins may still edit others' posts). */
    public BooleanBinding selectedIsMineProperty() {
        return selectedIsMine;
    }

    /** The active identity's user id, from its token's {@code sub} claim (decoded, not verified). */
    public Long myUserId() {
        Identity identity = active.get();
        if (identity == null || identity.tokens() == null) {
            return null;
        }
        if (TokenDecoder.decode(identity.tokens().accessToken()) instanceof DecodeResult.Decoded(var token)) {
            return token.claim("sub").filter(s -> s.matches("\\d{1,18}")).map(Long::parseLong).orElse(null);
        }
        return null;
    }

    private String token() {
        Identity identity = active.get();
        return identity == null || identity.tokens() == null ? null : identity.tokens().accessToken();
    }

    public void load() {
        Long owner = onlyMine.get() ? myUserId() : null;
        if (onlyMine.get() && owner == null) {
            posts.clear();
            message.set("Choose an identity to see its posts");
            return;
        }
        String server = serverUrl.get();
        String token = token();
        long request = loads.incrementAndGet();
        CompletableFuture.supplyAsync(() -> service.list(server, token, owner, 100, 0), background)
                .whenCompleteAsync((result, failure) -> {
                    if (request == loads.get()) {
                        show(result, failure, this::showPage);
                    }
                }, ui);
    }

    private void showPage(Page<Post> page) {
        Post keep = selected.get();
        posts.setAll(page.items());
        if (keep != null) {
            page.items().stream().filter(p -> p.id() == keep.id()).findFirst().ifPresent(reselect);
        }
        message.set(page.total() + " post(s) visible to " + (active.get() == null ? "anonymous" : active.get().label()));
    }

    /** Creates a post from the form (as a draft unless "published" is ticked). */
    public void create() {
        String server = serverUrl.get();
        String token = token();
        PostRequest request = new PostRequest(title.get(), content.get(), published.get());
        run(() -> service.create(server, token, request), post -> {
            message.set("Created post " + post.id());
            load();
        });
    }

    /** Saves the form over the selected post; for another's post this is "try anyway". */
    public void save() {
        Post post = selected.get();
        if (post == null) {
            return;
        }
        String server = serverUrl.get();
        String token = token();
        PostRequest request = new PostRequest(title.get(), content.get(), published.get());
        run(() -> service.update(server, token, post.id(), request), updated -> {
            message.set("Saved post " + updated.id());
            load();
        });
    }

    public void publish() {
        published.set(true);
        save();
    }

    /** Deletes the selected post; for another's post this is "try anyway" and shows the server's refusal. */
    public void delete() {
        Post post = selected.get();
        if (post == null) {
            return;
        }
        String server = serverUrl.get();
        String token = token();
        run(() -> service.delete(server, token, post.id()), ignored -> {
            message.set("Deleted post " + post.id());
            load();
        });
    }

    /** Runs one write; a second write while one is in flight is ignored (loads never block writes). */
    private <T> void run(Supplier<PostsService.Result<T>> work, Consumer<T> onOk) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        CompletableFuture.supplyAsync(work, background).whenCompleteAsync((result, failure) -> {
            busy.set(false);
            show(result, failure, onOk);
        }, ui);
    }

    private <T> void show(PostsService.Result<T> result, Throwable failure, Consumer<T> onOk) {
        if (failure != null) {
            message.set("Failed: " + failure.getClass().getSimpleName());
            return;
        }
        switch (result) {
            case PostsService.Result.Ok<T>(T value) -> onOk.accept(value);
            case PostsService.Result.Refused<T>(int status, String reason) ->
                    message.set("Refused by the server: " + status + " — " + reason);
            case PostsService.Result.Failed<T>(String reason) -> message.set("Failed: " + reason);
        }
    }
}
