package io.tokenworkbench.server.http;

import java.util.Map;

/**
 * Every answer other than success that a handler or gate decides on. One error handler renders each kind as
 * {@code application/problem+json} (plus RFC 6749 fields for the token endpoint). Messages are shown to the caller,
 * so they never contain a token, key or password.
 */
public sealed abstract class ApiException extends RuntimeException {

    private ApiException(String detail) {
        super(detail, null, false, false);
    }

    /** The HTTP status. */
    public abstract int status();

    /** The problem's short title. */
    public abstract String title();

    /** Extra response headers (a challenge, {@code Retry-After}, …). */
    public Map<String, String> headers() {
        return Map.of();
    }

    public String detail() {
        return getMessage();
    }

    /** 400: the request is malformed or breaks a rule. */
    public static final class BadRequest extends ApiException {
        public BadRequest(String detail) {
            super(detail);
        }

        @Override
        public int status() {
            return 400;
        }

        @Override
        public String title() {
            return "Bad Request";
        }
    }

    /** 404: nothing here, or nothing the caller may know of. */
    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(detail);
        }

        @Override
        public int status() {
            return 404;
        }

        @Override
        public String title() {
            return "Not Found";
        }
    }

    /** 409: the resource exists already. */
    public static final class Conflict extends ApiException {
        public Conflict(String detail) {
            super(detail);
        }

        @Override
        public int status() {
            return 409;
        }

        @Override
        public String title() {
            return "Conflict";
        }
    }

    /** 415: the body is not in a media type this route reads. */
    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String detail) {
            super(detail);
        }

        @Override
        public int status() {
            return 415;
        }

        @Override
        public String title() {
            return "Unsupported Media Type";
        }
    }

    /** 401 with an RFC 6750 challenge. */
    public static final class Unauthorized extends ApiException {
        private final String challenge;

        public Unauthorized(String detail, String challenge) {
            super(detail);
            this.challenge = challenge;
        }

        @Override
        public int status() {
            return 401;
        }

        @Override
        public String title() {
            return "Unauthorized";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", challenge);
        }
    }

    /** 403, with an {@code insufficient_scope} challenge when a scope is what is missing. */
    public static final class Forbidden extends ApiException {
        private final String challenge;

        public Forbidden(String detail) {
            this(detail, null);
        }

        public Forbidden(String detail, String challenge) {
            super(detail);
            this.challenge = challenge;
        }

        @Override
        public int status() {
            return 403;
        }

        @Override
        public String title() {
            return "Forbidden";
        }

        @Override
        public Map<String, String> headers() {
            return challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge);
        }
    }

    /** A token endpoint error (RFC 6749 §5.2): {@code error} and {@code error_description} in the body. */
    public static final class OAuth extends ApiException {
        private final int status;
        private final String error;

        public OAuth(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public String title() {
            return status == 401 ? "Unauthorized" : "Bad Request";
        }

        public String error() {
            return error;
        }
    }

    /** 429: a rate limit ran out; the headers say when to come back. */
    public static final class TooManyRequests extends ApiException {
        private final Map<String, String> headers;

        public TooManyRequests(String detail, Map<String, String> headers) {
            super(detail);
            this.headers = Map.copyOf(headers);
        }

        @Override
        public int status() {
            return 429;
        }

        @Override
        public String title() {
            return "Too Many Requests";
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }
    }

    /** 503: the server is busy (e.g. every password-hashing slot taken); try again after {@code Retry-After}. */
    public static final class ServiceUnavailable extends ApiException {
        private final long retryAfterSeconds;

        public ServiceUnavailable(String detail, long retryAfterSeconds) {
            super(detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public int status() {
            return 503;
        }

        @Override
        public String title() {
            return "Service Unavailable";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
