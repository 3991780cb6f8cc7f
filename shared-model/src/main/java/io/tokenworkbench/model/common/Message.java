package io.tokenworkbench.model.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"message": "..."}}. */
public record Message(@JsonProperty("message") String message) {
}
