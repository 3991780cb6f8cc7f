package io.tokenworkbench.server.post;

import io.tokenworkbench.model.common.Page;
import io.tokenworkbench.model.post.Post;
import io.tokenworkbench.model.post.PostRequest;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.Caller;

import java.time.Clock;
import java.util.Optional;

/**
 * Posts and their ownership: anyone sees published posts, owners (and admins) see and change their drafts and
 * posts; a draft is invisible (404) to everyone else, another's visible post is read-only (403). Thread-safe.
 */
public final class PostService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final PostRepository posts;
    private final Clock clock;

    public PostService(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    public Page<Post> list(Optional<Caller> viewer, Long ownerId, int limit, long offset) {
        Long viewerId = viewer.map(Caller::userId).orElse(null);
        boolean admin = viewer.map(Caller::isAdmin).orElse(false);
        return new Page<>(posts.visible(viewerId, admin, ownerId, limit, offset),
                posts.countVisible(viewerId, admin, ownerId), limit, offset);
    }

    public Post get(Optional<Caller> viewer, long id) {
        return visible(viewer, id);
    }

    public Post create(Caller caller, PostRequest request) {
        validate(request);
        return posts.insert(caller.userId(), request.title().strip(), request.content(),
                Boolean.TRUE.equals(request.published()), clock.instant());
    }

    /** Replaces title and content; {@code published} stays as it was when not given. */
    public Post update(Caller caller, long id, PostRequest request) {
        Post post = owned(caller, id);
        validate(request);
        boolean published = request.published() == null ? post.published() : request.published();
        return posts.update(post, request.title().strip(), request.content(), published, clock.instant());
    }

    public void delete(Caller caller, long id) {
        owned(caller, id);
        posts.delete(id);
    }

    private Post owned(Caller caller, long id) {
        Post post = visible(Optional.of(caller), id);
        if (post.ownerId() != caller.userId() && !caller.isAdmin()) {
            throw ApiException.forbidden("Post " + id + " belongs to someone else");
        }
        return post;
    }

    private Post visible(Optional<Caller> viewer, long id) {
        Post post = posts.byId(id).orElseThrow(() -> ApiException.notFound("No post " + id));
        boolean mine = viewer.map(c -> c.userId() == post.ownerId() || c.isAdmin()).orElse(false);
        if (!post.published() && !mine) {
            throw ApiException.notFound("No post " + id);
        }
        return post;
    }

    private static void validate(PostRequest request) {
        if (request.title() == null || request.title().isBlank()) {
            throw ApiException.badRequest("title is required");
        }
        if (request.title().length() > 200) {
            throw ApiException.badRequest("title is longer than 200 characters");
        }
        if (request.content() == null) {
            throw ApiException.badRequest("content is required");
        }
        if (request.content().length() > 20_000) {
            throw ApiException.badRequest("content is longer than 20000 characters");
        }
    }

    /** How many posts there are; only the published ones when asked. */
    public long count(boolean publishedOnly) {
        return posts.count(publishedOnly);
    }
}
