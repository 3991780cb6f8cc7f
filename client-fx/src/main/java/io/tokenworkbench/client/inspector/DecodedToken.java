package io.tokenworkbench.client.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenworkbench.model.json.Json;

import java.util.Optional;

/**
 * A JWT taken apart, without any judgement of its validity. Immutable.
 *
 * @param compact   the token as given, cleaned of {@code Bearer } and whitespace
 * @param header    the JOSE header
 * @param payload   the claims
 * @param signature the third segment (empty for an unsecured token)
 */
public record DecodedToken(String compact, ObjectNode header, ObjectNode payload, String signature) {

    public DecodedToken {
        header = header.deepCopy();
        payload = payload.deepCopy();
    }

    /** The {@code alg} header, or empty. */
    public String algorithm() {
        return text(header, "alg").orElse("");
    }

    public boolean isUnsecured() {
        return algorithm().equalsIgnoreCase("none") || signature.isEmpty();
    }

    public Optional<String> keyId() {
        return text(header, "kid");
    }

    public Optional<String> type() {
        return text(header, "typ");
    }

    /** A claim as text, when present and not null. */
    public Optional<String> claim(String name) {
        return text(payload, name);
    }

    /** A NumericDate claim (seconds since the epoch), when present and numeric. */
    public Optional<Long> numericDate(String name) {
        JsonNode node = payload.get(name);
        return node != null && node.isNumber() ? Optional.of(node.asLong()) : Optional.empty();
    }

    public String prettyHeader() {
        return pretty(header);
    }

    public String prettyPayload() {
        return pretty(payload);
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return node.toString();
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return "DecodedToken[alg=" + algorithm() + ", kid=" + keyId().orElse("-") + "]";
    }
}
