package io.tokenworkbench.model.apikey;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** An API key as listed: never the secret. Immutable. */
public record ApiKeySummary(
        @JsonProperty("id") long id,
        @JsonProperty("name") String name,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used_at") Instant lastUsedAt) {
}
