package io.tokenworkbench.model.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v1/admin/stats}. Immutable. */
public record Stats(
        @JsonProperty("users") long users,
        @JsonProperty("active_users") long activeUsers,
        @JsonProperty("posts") long posts,
        @JsonProperty("published_posts") long publishedPosts,
        @JsonProperty("products") long products) {
}
