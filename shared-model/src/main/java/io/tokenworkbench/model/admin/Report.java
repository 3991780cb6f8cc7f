package io.tokenworkbench.model.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One moderation report of {@code GET /v1/moderator/reports}. Immutable. */
public record Report(
        @JsonProperty("id") long id,
        @JsonProperty("post_id") long postId,
        @JsonProperty("reason") String reason,
        @JsonProperty("status") String status) {
}
