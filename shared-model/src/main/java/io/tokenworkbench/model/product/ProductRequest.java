package io.tokenworkbench.model.product;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/products}. */
public record ProductRequest(
        @JsonProperty("name") String name,
        @JsonProperty("price") String price) {
}
