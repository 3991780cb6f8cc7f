package io.tokenworkbench.model.totp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/totp}'s answer. Immutable. */
public record TotpEnrollment(
        @JsonProperty("secret") String secret,
        @JsonProperty("otpauth_uri") String otpauthUri) {

    @Override
    public String toString() {
        return "TotpEnrollment[***]";
    }
}
