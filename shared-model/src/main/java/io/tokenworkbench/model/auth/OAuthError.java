package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 §5.2 error codes as the token endpoint sends them. */
public record OAuthError(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {
}
