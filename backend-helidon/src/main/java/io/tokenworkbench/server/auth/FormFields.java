package io.tokenworkbench.server.auth;

import io.tokenworkbench.server.http.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body. The JDK's {@link URLDecoder} does the decoding; only the split
 * on '&' and '=' is done here (Helidon's form media support needs the body read through its own entity pipeline,
 * which this endpoint cannot use because it also accepts JSON on the same route).
 */
final class FormFields {

    private FormFields() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.oauth(400, "invalid_request", "The form body is not properly encoded");
            }
        }
        return fields;
    }
}
