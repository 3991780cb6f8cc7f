package io.tokenworkbench.model.dev;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A mail the backend would have sent, as {@code /v1/dev/outbox} lists it. Immutable. */
public record OutboxMail(
        @JsonProperty("id") long id,
        @JsonProperty("to") String to,
        @JsonProperty("subject") String subject,
        @JsonProperty("body") String body,
        @JsonProperty("sent_at") Instant sentAt) {
}
