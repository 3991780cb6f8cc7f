package io.tokenworkbench.model.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /internal/status}. */
public record InternalStatus(
        @JsonProperty("status") String status,
        @JsonProperty("client_ip") String clientIp) {
}
