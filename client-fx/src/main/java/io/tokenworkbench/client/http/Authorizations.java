package io.tokenworkbench.client.http;

import java.nio.charset.StandardCharsets;

/** The ways a request carries credentials, in one place for the workbench's identities and the check engine. */
public final class Authorizations {

    private Authorizations() {
    }

    /** {@code Authorization: Basic} (RFC 7617, UTF-8), replacing any earlier Authorization. */
    public static ApiRequest basic(ApiRequest request, String username, String password) {
        return request.replacingHeader("Authorization", okhttp3.Credentials.basic(username, password,
                StandardCharsets.UTF_8));
    }

    /** Methods that change nothing (RFC 9110 §9.2.1): a session's CSRF token goes on every other one. */
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** A cookie session's CSRF token in its header, on a request that changes something and has none yet. */
    public static ApiRequest csrf(ApiRequest request, String header, String token) {
        return token == null || SAFE_METHODS.contains(request.method()) || request.header(header).isPresent()
                ? request : request.withHeader(header, token);
    }

    /** An API key as a header (replacing one of that name) or a query parameter. */
    public static ApiRequest apiKey(ApiRequest request, boolean inQuery, String name, String value) {
        return inQuery ? request.withQueryParameter(name, value) : request.replacingHeader(name, value);
    }
}
