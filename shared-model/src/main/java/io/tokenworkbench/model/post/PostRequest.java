package io.tokenworkbench.model.post;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Create or replace a post; {@code owner_id} is never taken from here. {@code published} may be null. */
public record PostRequest(
        @JsonProperty("title") String title,
        @JsonProperty("content") String content,
        @JsonProperty("published") Boolean published) {
}
