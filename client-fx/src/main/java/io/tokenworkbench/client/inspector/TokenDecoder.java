package io.tokenworkbench.client.inspector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.util.Base64URL;
import io.tokenworkbench.model.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Takes a pasted JWT apart: tolerates a {@code Bearer } prefix (any case), surrounding and embedded whitespace, and
 * quotes; names the segment and the reason when it cannot. Base64url through nimbus, JSON through Jackson.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * switch (TokenDecoder.decode(text)) {
 *     case DecodeResult.Decoded d -> show(d.token().prettyPayload());
 *     case DecodeResult.Failed f -> error(f.segment() + ": " + f.reason());
 * }
 * }</pre>
 */
public final class TokenDecoder {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)^bearer\\s+");

    private TokenDecoder() {
    }

    public static DecodeResult decode(String text) {
        String compact = clean(text);
        if (compact.isEmpty()) {
            return new DecodeResult.Failed(DecodeResult.Segment.STRUCTURE, "Paste a token: the text is empty");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length == 5) {
            return new DecodeResult.Failed(DecodeResult.Segment.STRUCTURE,
                    "This is an encrypted token (JWE, five parts); only signed tokens (JWS) can be inspected");
        }
        if (parts.length != 3) {
            return new DecodeResult.Failed(DecodeResult.Segment.STRUCTURE,
                    "A JWT has three parts separated by dots; this text has " + parts.length);
        }
        DecodeResult.Segment[] segments = DecodeResult.Segment.values();
        for (int i = 0; i < 3; i++) {
            if (!BASE64URL.matcher(parts[i]).matches()) {
                return new DecodeResult.Failed(segments[i + 1],
                        "Not base64url: it contains characters other than A-Z, a-z, 0-9, '-' and '_'");
            }
            if (parts[i].length() % 4 == 1) {
                return new DecodeResult.Failed(segments[i + 1], "Not base64url: its length cannot be decoded");
            }
        }
        if (parts[0].isEmpty()) {
            return new DecodeResult.Failed(DecodeResult.Segment.HEADER, "The header is empty");
        }
        ObjectNode header;
        ObjectNode payload;
        try {
            header = object(parts[0], "header");
        } catch (SegmentException e) {
            return new DecodeResult.Failed(DecodeResult.Segment.HEADER, e.getMessage());
        }
        try {
            payload = object(parts[1], "payload");
        } catch (SegmentException e) {
            return new DecodeResult.Failed(DecodeResult.Segment.PAYLOAD, e.getMessage());
        }
        if (!header.hasNonNull("alg")) {
            return new DecodeResult.Failed(DecodeResult.Segment.HEADER, "The header has no \"alg\"");
        }
        return new DecodeResult.Decoded(new DecodedToken(compact, header, payload, parts[2]));
    }

    /** What could be read of a token that does not decode as a whole: each part that decodes to a JSON object. */
    public record Partial(java.util.Optional<ObjectNode> header, java.util.Optional<ObjectNode> payload) {
    }

    /** Decodes each of the first two parts on its own, so that a broken payload still shows its header. */
    public static Partial partial(String text) {
        String[] parts = clean(text).split("\\.", -1);
        return new Partial(part(parts, 0), part(parts, 1));
    }

    private static java.util.Optional<ObjectNode> part(String[] parts, int index) {
        if (parts.length <= index || parts[index].isEmpty() || !BASE64URL.matcher(parts[index]).matches()
                || parts[index].length() % 4 == 1) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(object(parts[index], index == 0 ? "header" : "payload"));
        } catch (SegmentException e) {
            return java.util.Optional.empty();
        }
    }

    /** Strips {@code Bearer }, quotes and every whitespace character. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        if (stripped.length() >= 2 && (stripped.startsWith("\"") && stripped.endsWith("\"")
                || stripped.startsWith("'") && stripped.endsWith("'"))) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        stripped = BEARER.matcher(stripped).replaceFirst("");
        return stripped.replaceAll("\\s+", "");
    }

    private static ObjectNode object(String segment, String name) {
        byte[] bytes = new Base64URL(segment).decode();
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SegmentException("The " + name + " is not UTF-8 text");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new SegmentException("The " + name + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SegmentException("The " + name + " is JSON but not an object");
        }
        return (ObjectNode) node;
    }

    private static final class SegmentException extends RuntimeException {
        SegmentException(String message) {
            super(message, null, false, false);
        }
    }
}
