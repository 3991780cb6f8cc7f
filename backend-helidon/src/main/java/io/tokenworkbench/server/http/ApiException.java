package io.tokenworkbench.server.http;

import io.helidon.http.Status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every answer other than success that a handler or gate decides on: a status, a detail, the headers that go with
 * it (a challenge, {@code Retry-After}, …) and, at the token endpoint, an RFC 6749 §5.2 error code. One error handler
 * renders each as {@code application/problem+json}. Details are shown to the caller, so they never contain a token,
 * key or password.
 *
 * <pre>{@code
 * throw ApiException.badRequest("limit must be 1..100");
 * throw ApiException.unauthorized("The token has expired", challenge);
 * }</pre>
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;
    private final String oauthError;

    public ApiException(int status, String detail, Map<String, String> headers, String oauthError) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An ApiException is a 4xx or 5xx answer, not " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.oauthError = oauthError;
    }

    /** 400: the request is malformed or breaks a rule. */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail, Map.of(), null);
    }

    /** 401 with an RFC 6750 (or Basic, or API-key) challenge. */
    public static ApiException unauthorized(String detail, String challenge) {
        return new ApiException(401, detail, Map.of("WWW-Authenticate", challenge), null);
    }

    /** 403: the caller is known and may not do this. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail, Map.of(), null);
    }

    /** 403 with an {@code insufficient_scope} challenge, when a scope is what is missing. */
    public static ApiException forbidden(String detail, String challenge) {
        return new ApiException(403, detail, Map.of("WWW-Authenticate", challenge), null);
    }

    /** 404: nothing here, or nothing the caller may know of. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, detail, Map.of(), null);
    }

    /** 409: the resource exists already. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, detail, Map.of(), null);
    }

    /** 415: the body is not in a media type this route reads. */
    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, detail, Map.of(), null);
    }

    /** A token endpoint error (RFC 6749 §5.2): {@code error} and {@code error_description} in the body. */
    public static ApiException oauth(int status, String error, String description) {
        return new ApiException(status, description, Map.of(), error);
    }

    /** 429: a rate limit ran out; the headers say when to come back. */
    public static ApiException tooManyRequests(String detail, Map<String, String> headers) {
        return new ApiException(429, detail, headers, null);
    }

    /** 503: the server is busy (e.g. every password-hashing slot taken); try again after {@code Retry-After}. */
    public static ApiException serviceUnavailable(String detail, long retryAfterSeconds) {
        return new ApiException(503, detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)), null);
    }

    /** The same answer with one more response header. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, detail(), more, oauthError);
    }

    public int status() {
        return status;
    }

    /** The problem's short title: the status's reason phrase. */
    public String title() {
        return Status.create(status).reasonPhrase();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The RFC 6749 error code, for token endpoint errors. */
    public Optional<String> oauthError() {
        return Optional.ofNullable(oauthError);
    }

    public String detail() {
        return getMessage();
    }
}
