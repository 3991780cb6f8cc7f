package io.tokenworkbench.model.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"ping": "pong"}}. */
public record Ping(@JsonProperty("ping") String ping) {
    public static Ping pong() {
        return new Ping("pong");
    }
}
