package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's fields, sent as a form or as JSON. Immutable. */
public record TokenRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("code") String code,
        @JsonProperty("redirect_uri") String redirectUri,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("code_verifier") String codeVerifier) {

    /** The password and refresh grants' fields only. */
    public TokenRequest(String grantType, String username, String password, String refreshToken, String scope) {
        this(grantType, username, password, refreshToken, scope, null, null, null, null);
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + grantType + ", username=" + username + ", scope=" + scope
                + ", client_id=" + clientId + "]";
    }
}
