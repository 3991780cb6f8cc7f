package io.tokenworkbench.server.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;

import java.util.List;
import java.util.Map;

/** The contract's security headers, set on every response: routed, errors, 404s and early transport errors. */
public final class SecurityHeaders {

    static final Map<String, String> ALWAYS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    /** Built and validated once, not on every response. */
    private static final List<Header> HEADERS = ALWAYS.entrySet().stream()
            .map(header -> HeaderValues.createCached(HeaderNames.create(header.getKey()), header.getValue()))
            .toList();
    private static final Header HSTS = HeaderValues.createCached(HeaderNames.STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains");

    private SecurityHeaders() {
    }

    public static void apply(ServerResponseHeaders headers, boolean secure) {
        for (Header header : HEADERS) {
            headers.set(header);
        }
        if (secure) {
            headers.set(HSTS);
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
