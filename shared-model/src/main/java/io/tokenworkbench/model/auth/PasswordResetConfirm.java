package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/password-reset/confirm}. */
public record PasswordResetConfirm(
        @JsonProperty("token") String token,
        @JsonProperty("new_password") String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirm[***]";
    }
}
