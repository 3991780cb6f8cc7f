package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token endpoint's success answer (RFC 6749 §5.1). Immutable. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope) {

    @Override
    public String toString() {
        return "TokenResponse[token_type=" + tokenType + ", expires_in=" + expiresIn + ", scope=" + scope + "]";
    }
}
