package io.tokenworkbench.server.security;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.tokenworkbench.server.http.ApiException;

import java.util.List;
import java.util.Map;

/**
 * A request carries at most one {@code Authorization} header: with two, which credentials count would depend on the
 * server (Helidon takes the first, a proxy may take the last), so it is refused as RFC 6750 §3.1
 * {@code invalid_request} before any authentication runs.
 */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    public static Filter atMostOne() {
        return (chain, request, response) -> {
            List<String> values = request.headers().contains(HeaderNames.AUTHORIZATION)
                    ? request.headers().get(HeaderNames.AUTHORIZATION).allValues() : List.of();
            if (values.size() > 1) {
                String detail = "Send one Authorization header, not " + values.size();
                throw new ApiException(400, detail, Map.of("WWW-Authenticate", "Bearer realm=\"api\", "
                        + "error=\"invalid_request\", error_description=\"" + detail + "\""), "invalid_request");
            }
            chain.proceed();
        };
    }
}
