package io.tokenworkbench.client.posts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.model.common.Page;
import io.tokenworkbench.model.json.Json;
import io.tokenworkbench.model.post.Post;
import io.tokenworkbench.model.post.PostRequest;


/** The posts API as an end user sees it. Blocking; call off the UI thread. Thread-safe. */
public final class PostsService {

    private final ApiClient api;

    public PostsService(ApiClient api) {
        this.api = api;
    }

    /** What a posts call concluded. */
    public sealed interface Result<T> {
        record Ok<T>(T value) implements Result<T> {
        }

        /** The server refused: status and its reason (e.g. 403 "Post 3 belongs to someone else"). */
        record Refused<T>(int status, String reason) implements Result<T> {
        }

        record Failed<T>(String reason) implements Result<T> {
        }
    }

    public Result<Page<Post>> list(String server, String token, Long ownerId, int limit, int offset) {
        String query = "/v1/posts?limit=" + limit + "&offset=" + offset + (ownerId == null ? "" : "&owner_id=" + ownerId);
        return call(ApiRequest.get(server, query), token, body -> Json.mapper().readValue(body,
                new TypeReference<Page<Post>>() { }));
    }

    public Result<Post> create(String server, String token, PostRequest post) {
        return call(ApiRequest.json("POST", server, "/v1/posts", json(post)), token, PostsService::post);
    }

    public Result<Post> update(String server, String token, long id, PostRequest post) {
        return call(ApiRequest.json("PUT", server, "/v1/posts/" + id, json(post)), token, PostsService::post);
    }

    public Result<Void> delete(String server, String token, long id) {
        return call(ApiRequest.of("DELETE", server, "/v1/posts/" + id), token, body -> null);
    }

    private <T> Result<T> call(ApiRequest request, String token, Parser<T> parser) {
        ApiRequest sent = token == null ? request : request.withBearer(token);
        return switch (api.send(sent)) {
            case ApiResult.Response r when r.isSuccess() -> {
                try {
                    yield new Result.Ok<>(parser.parse(r.body()));
                } catch (JsonProcessingException e) {
                    yield new Result.Failed<>("The server's answer is not what the contract says");
                }
            }
            case ApiResult.Response r -> new Result.Refused<>(r.status(), r.problem()
                    .map(p -> p.detail() != null ? p.detail() : String.valueOf(p.title()))
                    .orElse("HTTP " + r.status()));
            case ApiResult.Failure f -> new Result.Failed<>(f.reason());
        };
    }

    private static Post post(String body) throws JsonProcessingException {
        return Json.mapper().readValue(body, Post.class);
    }

    private static String json(PostRequest post) {
        try {
            return Json.mapper().writeValueAsString(post);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String body) throws JsonProcessingException;
    }
}
