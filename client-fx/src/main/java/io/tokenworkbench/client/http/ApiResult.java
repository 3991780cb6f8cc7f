package io.tokenworkbench.client.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of sending an {@link ApiRequest}: a response of any status, or no response at all.
 * Handle it with an exhaustive {@code switch}.
 */
public sealed interface ApiResult {

    /** How long the exchange took, from sending to the last byte of the body. */
    Duration elapsed();

    /**
     * The server answered (any status, 2xx to 5xx). Immutable.
     *
     * @param status  HTTP status code
     * @param headers response header fields in the order received
     * @param body    the body decoded as UTF-8 (empty when there is none)
     * @param elapsed time from sending to the last byte
     * @param retried  whether it was sent a second time, on a new connection, after the pooled one had been closed
     */
    record Response(int status, List<HttpHeader> headers, String body, Duration elapsed, boolean retried)
            implements ApiResult {
        public Response {
            headers = List.copyOf(headers);
            body = Objects.requireNonNullElse(body, "");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        public Response(int status, List<HttpHeader> headers, String body, Duration elapsed) {
            this(status, headers, body, elapsed, false);
        }

        /** The first header called {@code name}, ignoring case. */
        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.isNamed(name)).map(HttpHeader::value).findFirst();
        }

        /** All values of the headers called {@code name}, ignoring case. */
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h.isNamed(name)).map(HttpHeader::value).toList();
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The parsed RFC 9457 problem details, when the body is one. */
        public Optional<ProblemDetails> problem() {
            return ProblemDetails.parse(header("Content-Type").orElse(""), body);
        }

        /** The parsed {@code WWW-Authenticate} challenges (empty when the header is absent). */
        public List<Challenge> challenges() {
            return headers("WWW-Authenticate").stream()
                    .flatMap(value -> Challenge.parseAll(value).stream())
                    .toList();
        }
    }

    /**
     * No HTTP response: the server could not be reached, the connection broke, or time ran out.
     *
     * @param reason  a sentence a person can act on, e.g. "Connection refused by localhost:8080"
     * @param elapsed time spent before giving up
     */
    record Failure(String reason, Duration elapsed) implements ApiResult {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }
}
