package io.tokenworkbench.model.common;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** One page of a listing. Immutable. */
public record Page<T>(
        @JsonProperty("items") List<T> items,
        @JsonProperty("total") long total,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") long offset) {

    public Page {
        items = List.copyOf(items);
    }
}
