package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.suite.Assertion;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.Redaction;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Evaluates an {@link Assertion} on a response and the identity's token. */
final class Assertions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 120;

    private Assertions() {
    }

    /** Why the assertion does not hold, or empty when it does; {@code token} is the identity's, if it has one. */
    static Optional<String> failure(Assertion assertion, ApiResult.Response response, Optional<String> token) {
        if (assertion.target() instanceof Assertion.Target.Claim && token.isEmpty()) {
            return Optional.of(assertion.target() + ": the identity has no token to read it from");
        }
        Optional<JsonNode> actual = switch (assertion.target()) {
            case Assertion.Target.Header header -> response.header(header.name()).map(JSON::valueToTree);
            case Assertion.Target.JsonValue json -> jsonAt(response.body(), json.pointer());
            case Assertion.Target.Claim claim -> claimAt(token.orElseThrow(), claim.pointer());
        };
        String what = assertion.target().toString();
        return switch (assertion.condition()) {
            case Assertion.Condition.Present present -> actual.isPresent() == present.present() ? Optional.empty()
                    : Optional.of(what + (present.present() ? " is missing" : " should be absent but is "
                    + shown(actual.get())));
            case Assertion.Condition.EqualTo equalTo -> {
                if (actual.isEmpty()) {
                    yield Optional.of(what + " is missing, expected " + shown(equalTo.value()));
                }
                boolean equal = actual.get().equals(equalTo.value())
                        || actual.get().isValueNode() && equalTo.value().isValueNode()
                        && actual.get().asText().equals(equalTo.value().asText())
                        && assertion.target() instanceof Assertion.Target.Header;
                yield equal ? Optional.empty()
                        : Optional.of(what + " is " + shown(actual.get()) + ", expected " + shown(equalTo.value()));
            }
            case Assertion.Condition.Matches matches -> {
                if (actual.isEmpty()) {
                    yield Optional.of(what + " is missing, expected to match /" + matches.pattern() + "/");
                }
                String text = actual.get().isValueNode() ? actual.get().asText() : actual.get().toString();
                yield matches.pattern().matcher(text).find() ? Optional.empty()
                        : Optional.of(what + " is " + shown(actual.get()) + ", expected to match /"
                        + matches.pattern() + "/");
            }
            case Assertion.Condition.Contains contains -> {
                boolean holds = actual.map(value -> holds(value, contains.value())).orElse(false);
                if (holds == contains.holds()) {
                    yield Optional.empty();
                }
                yield Optional.of(what + " is " + actual.map(Assertions::shown).orElse("missing") + ", expected it "
                        + (contains.holds() ? "to hold " : "not to hold ") + shown(contains.value()));
            }
        };
    }

    /** A list holding the value, or a space-separated string holding it as a word (OAuth2's {@code scope}). */
    private static boolean holds(JsonNode container, JsonNode value) {
        if (container.isArray()) {
            return StreamSupport.stream(container.spliterator(), false)
                    .anyMatch(item -> item.equals(value) || item.isValueNode() && item.asText().equals(value.asText()));
        }
        if (container.isTextual()) {
            return java.util.Arrays.asList(container.asText().trim().split("\\s+")).contains(value.asText());
        }
        return container.equals(value);
    }

    private static Optional<JsonNode> jsonAt(String body, String pointer) {
        try {
            JsonNode node = JSON.readTree(body).at(pointer);
            return node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> claimAt(String token, String pointer) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).at(pointer);
            return node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String shown(JsonNode node) {
        String text = Redaction.body(node.toString());
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
