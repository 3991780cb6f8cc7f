package io.tokenworkbench.model.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A session login's answer (the session itself is in the cookie): the CSRF token unsafe requests send in
 * {@code X-CSRF-Token}, when the session ends at the latest, and after how long unused. Immutable.
 */
public record SessionResponse(
        @JsonProperty("csrf_token") String csrfToken,
        @JsonProperty("username") String username,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("idle_timeout") long idleTimeoutSeconds) {

    @Override
    public String toString() {
        return "SessionResponse[username=" + username + ", expires_at=" + expiresAt + "]";
    }
}
