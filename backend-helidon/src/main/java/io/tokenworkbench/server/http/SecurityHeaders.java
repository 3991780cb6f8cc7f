package io.tokenworkbench.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;

import java.util.Map;

/** The contract's security headers, set on every response: routed, errors, 404s and early transport errors. */
public final class SecurityHeaders {

    static final Map<String, String> ALWAYS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    public static void apply(ServerResponseHeaders headers, boolean secure) {
        ALWAYS.forEach((name, value) -> headers.set(HeaderNames.create(name), value));
        if (secure) {
            headers.set(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
        }
    }

    /** A routing filter that sets the headers before anything else runs. */
    public static Filter filter() {
        return (chain, request, response) -> {
            apply(response.headers(), request.isSecure());
            chain.proceed();
        };
    }
}
