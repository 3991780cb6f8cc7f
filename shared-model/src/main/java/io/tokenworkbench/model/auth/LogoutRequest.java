package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/logout}, optionally naming the refresh token whose family ends too. */
public record LogoutRequest(@JsonProperty("refresh_token") String refreshToken) {
    @Override
    public String toString() {
        return "LogoutRequest[refresh_token=" + (refreshToken == null ? "none" : "***") + "]";
    }
}
