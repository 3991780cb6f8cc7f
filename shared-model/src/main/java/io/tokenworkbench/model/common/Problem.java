package io.tokenworkbench.model.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 9457 problem details, with RFC 6749 §5.2's {@code error} and {@code error_description} where the
 * token endpoint adds them. Immutable.
 */
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {

    /** A problem without OAuth error fields. */
    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, null, null);
    }
}
