package io.tokenworkbench.model.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** One security event of {@code GET /v1/admin/audit}. Immutable. */
public record AuditEntry(
        @JsonProperty("id") long id,
        @JsonProperty("at") Instant at,
        @JsonProperty("event") String event,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("user_id") Long userId,
        @JsonProperty("username") String username,
        @JsonProperty("client_ip") String clientIp,
        @JsonProperty("detail") String detail) {
}
