package io.tokenworkbench.model.apikey;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A new API key: the only time its secret is shown. Immutable. */
public record ApiKeyCreated(
        @JsonProperty("id") long id,
        @JsonProperty("name") String name,
        @JsonProperty("key") String key,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("created_at") Instant createdAt) {

    @Override
    public String toString() {
        return "ApiKeyCreated[id=" + id + ", name=" + name + ", prefix=" + prefix + "]";
    }
}
