package io.tokenworkbench.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem details body as any server may send it, read leniently: every member is optional
 * and members beyond the standard ones (such as RFC 6749's {@code error}) are kept. Immutable.
 *
 * @param type        problem type URI, or null
 * @param title       short summary, or null
 * @param status      the status the server put in the body, or null
 * @param detail      explanation of this occurrence, or null
 * @param instance    URI of this occurrence, or null
 * @param extensions  every other member, as text, in order
 */
public record ProblemDetails(String type, String title, Integer status, String detail, String instance,
                             Map<String, String> extensions) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ProblemDetails {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** RFC 6749 §5.2 {@code error}, when the server sent one. */
    public Optional<String> error() {
        return Optional.ofNullable(extensions.get("error"));
    }

    /** RFC 6749 §5.2 {@code error_description}, when the server sent one. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(extensions.get("error_description"));
    }

    /**
     * Reads a body as problem details when its content type is {@code application/problem+json}, or when it
     * is JSON carrying an OAuth {@code error} member (token endpoints answer {@code application/json}).
     */
    public static Optional<ProblemDetails> parse(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body == null || body.isBlank() || !type.contains("json")) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()
                || !(type.contains("problem+json") || root.has("error"))) {
            return Optional.empty();
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        root.properties().forEach(member -> {
            switch (member.getKey()) {
                case "type", "title", "status", "detail", "instance" -> { }
                default -> extensions.put(member.getKey(), member.getValue().isTextual()
                        ? member.getValue().asText() : member.getValue().toString());
            }
        });
        JsonNode status = root.get("status");
        return Optional.of(new ProblemDetails(text(root, "type"), text(root, "title"),
                status != null && status.canConvertToInt() ? status.asInt() : null,
                text(root, "detail"), text(root, "instance"), extensions));
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
