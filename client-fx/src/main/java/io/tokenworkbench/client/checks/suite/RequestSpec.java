package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One request of a suite, before its {@code ${variables}} are filled in.
 *
 * @param method  upper-case HTTP method
 * @param path    path and query relative to the server, e.g. {@code /v1/posts/${post_id}}
 * @param headers extra request headers
 * @param body    what to send, or {@link Body.None}
 */
public record RequestSpec(String method, String path, Map<String, String> headers, Body body) {

    public RequestSpec {
        headers = Map.copyOf(headers);
    }

    /** {@code GET /ping}. */
    @Override
    public String toString() {
        return method + " " + path;
    }

    /** A request body. */
    public sealed interface Body {
        /** No body. */
        record None() implements Body {
        }

        /** A JSON document, sent as {@code application/json}; string values are interpolated. */
        record Json(JsonNode document) implements Body {
        }

        /** Form fields, sent as {@code application/x-www-form-urlencoded}. */
        record Form(Map<String, String> fields) implements Body {
            public Form {
                fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            }
        }

        /** Any text with its content type. */
        record Text(String text, String contentType) implements Body {
        }
    }
}
