package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/password-reset/request}. */
public record PasswordResetRequest(@JsonProperty("email") String email) {
}
