package io.tokenworkbench.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads request bodies into records and writes records as JSON, with clear 4xx answers for bad input. */
public final class JsonBodies {

    private static final System.Logger LOG = System.getLogger(JsonBodies.class.getName());

    private JsonBodies() {
    }

    /** The request's media type in lower case, parameters included; empty when it names none. */
    public static String mediaType(ServerRequest request) {
        return request.headers().contentType().map(m -> m.text().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The body as the given type; 415 if it is not JSON, 400 (naming the field) if it does not fit. */
    public static <T> T read(ServerRequest request, Class<T> type) {
        String contentType = mediaType(request);
        if (!contentType.isEmpty() && !contentType.contains("json")) {
            throw ApiException.unsupportedMediaType("Send the body as application/json");
        }
        String text = utf8(request);
        if (text.isBlank()) {
            throw ApiException.badRequest("A JSON body is required");
        }
        return parse(text, type);
    }

    /** Parses JSON text into the type, mapping every failure to a 400 that names the field, never echoing input. */
    public static <T> T parse(String text, Class<T> type) {
        try {
            T value = Json.mapper().readValue(text, type);
            if (value == null) {
                throw ApiException.badRequest("A JSON object is required");
            }
            return value;
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ApiException.badRequest(path.isEmpty()
                    ? "The body must be a JSON object of the documented shape"
                    : "Field '" + path + "' has the wrong type or value");
        } catch (JacksonException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body decoded as strict UTF-8; invalid bytes are a 400. Empty when there is no body. */
    public static String utf8(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return "";
        }
        byte[] bytes = bytes(request);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The body is not valid UTF-8");
        }
    }

    /**
     * The body's bytes. A client that goes away mid-body ends the connection quietly (nothing to answer, nothing worth
     * a stack trace); a body whose chunked framing is broken is a 400 that closes the connection, since where the next
     * request would start is unknowable.
     */
    private static byte[] bytes(ServerRequest request) {
        try {
            return request.content().as(byte[].class);
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "The client went away while sending the body of "
                    + request.prologue().method().text() + " " + request.path().path());
            throw new CloseConnectionException("The client went away while sending the body", e);
        } catch (RequestException e) {
            if (e.status().code() == 413) {
                throw new ApiException(413, "The body is larger than this server accepts", Map.of("Connection", "close"),
                        null);
            }
            throw malformedChunks();
        } catch (NumberFormatException | DataReader.IncorrectNewLineException e) {
            // Helidon 4.3's chunk-size parser lets NumberFormatException through for sizes such as "ZZ"
            throw malformedChunks();
        }
    }

    private static ApiException malformedChunks() {
        return new ApiException(400, "The body's chunked framing is malformed (RFC 9112 §7.1)",
                Map.of("Connection", "close"), null);
    }

    /** Sends the value as {@code application/json} with the given status. */
    public static void send(ServerResponse response, Status status, Object value) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.status(status);
        response.headers().set(HeaderValues.CONTENT_TYPE_JSON);
        sendBytes(response, body);
    }

    /** Sends the bytes as the body; answering a HEAD, only their length (RFC 9110 §9.3.2). */
    public static void sendBytes(ServerResponse response, byte[] body) {
        if (Routes.answeringHead()) {
            response.headers().set(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            response.send();
        } else {
            response.send(body);
        }
    }

    /** As {@link #send}, 200. */
    public static void ok(ServerResponse response, Object value) {
        send(response, Status.OK_200, value);
    }

    /** Marks a response that carries a token or key as not to be stored by any cache. */
    public static void noStore(ServerResponse response) {
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HeaderNames.PRAGMA, "no-cache");
    }
}
