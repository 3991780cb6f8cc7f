package io.tokenworkbench.model.totp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /v1/auth/totp/verify}. */
public record TotpCode(@JsonProperty("code") String code) {
}
