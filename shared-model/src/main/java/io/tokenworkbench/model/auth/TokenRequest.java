package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's fields, sent as a form or as JSON. Immutable. */
public record TokenRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope) {

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + grantType + ", username=" + username + ", scope=" + scope + "]";
    }
}
