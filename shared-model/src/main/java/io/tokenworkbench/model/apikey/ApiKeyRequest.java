package io.tokenworkbench.model.apikey;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/api-keys}. */
public record ApiKeyRequest(@JsonProperty("name") String name) {
}
