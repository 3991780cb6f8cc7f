package io.tokenworkbench.model.dev;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/dev/tokens}'s answer; {@code refreshToken} only when one was asked for. Immutable. */
public record DevTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "DevTokenResponse[expires_in=" + expiresIn + "]";
    }
}
