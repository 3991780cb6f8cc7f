package io.tokenworkbench.model.dev;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/dev/tokens}: mint a properly signed access token for {@code username}.
 * {@code claims} is merged over the defaults, where a JSON {@code null} removes a claim; {@code header} may set or
 * (with null) remove {@code typ} and {@code kid}. Lifetimes are in seconds and may be negative. With {@code refresh}
 * true a refresh token of a new family comes along, so that sessions can be had without the token endpoint.
 */
public record DevTokenRequest(
        @JsonProperty("username") String username,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("not_before_in") Long notBeforeIn,
        @JsonProperty("scope") String scope,
        @JsonProperty("claims") ObjectNode claims,
        @JsonProperty("header") ObjectNode header,
        @JsonProperty("refresh") Boolean refresh) {
}
