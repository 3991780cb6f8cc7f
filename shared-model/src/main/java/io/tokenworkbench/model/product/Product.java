package io.tokenworkbench.model.product;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A product; the price is a decimal string such as {@code "19.99"}. Immutable. */
public record Product(
        @JsonProperty("id") long id,
        @JsonProperty("name") String name,
        @JsonProperty("price") String price,
        @JsonProperty("created_at") Instant createdAt) {
}
