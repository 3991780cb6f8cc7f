package io.tokenworkbench.server.post;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.post.PostRequest;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.security.Access;

/** Handlers of {@code /v1/posts…}. */
public final class PostRoutes {

    private final PostService posts;
    private final Access access;

    public PostRoutes(PostService posts, Access access) {
        this.posts = posts;
        this.access = access;
    }

    public void list(ServerRequest request, ServerResponse response) {
        int limit = PathParams.queryInt(request, "limit", 1, PostService.MAX_LIMIT).orElse(PostService.DEFAULT_LIMIT);
        int offset = PathParams.queryInt(request, "offset", 0, Integer.MAX_VALUE).orElse(0);
        var owner = PathParams.queryInt(request, "owner_id", 1, Integer.MAX_VALUE);
        JsonBodies.ok(response, posts.list(access.optionalCaller(request),
                owner.isPresent() ? (long) owner.getAsInt() : null, limit, offset));
    }

    public void get(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, posts.get(access.optionalCaller(request), PathParams.id(request, "id")));
    }

    public void create(ServerRequest request, ServerResponse response) {
        JsonBodies.send(response, Status.CREATED_201,
                posts.create(Access.caller(request), JsonBodies.read(request, PostRequest.class)));
    }

    public void update(ServerRequest request, ServerResponse response) {
        long id = PathParams.id(request, "id");
        JsonBodies.ok(response, posts.update(Access.caller(request), id, JsonBodies.read(request, PostRequest.class)));
    }

    public void delete(ServerRequest request, ServerResponse response) {
        posts.delete(Access.caller(request), PathParams.id(request, "id"));
        response.status(Status.NO_CONTENT_204).send();
    }
}
