package io.tokenworkbench.model.post;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A post. Immutable. */
public record Post(
        @JsonProperty("id") long id,
        @JsonProperty("owner_id") long ownerId,
        @JsonProperty("title") String title,
        @JsonProperty("content") String content,
        @JsonProperty("published") boolean published,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {
}
