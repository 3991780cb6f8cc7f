package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A cookie-session login, sent as a form or as JSON; {@code totp_code} when the account has TOTP. Immutable. */
public record SessionRequest(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("totp_code") String totpCode) {

    @Override
    public String toString() {
        return "SessionRequest[username=" + username + "]";
    }
}
