package io.tokenworkbench.client.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.model.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed into the request console: method, path (or absolute URL), header lines
 * ({@code Name: value}), a body. Immutable; it holds no token — the identity's token is added when sending.
 */
public record ConsoleRequest(@JsonProperty("method") String method, @JsonProperty("path") String path,
                             @JsonProperty("headers") String headers, @JsonProperty("body") String body) {

    /** What building the HTTP request concluded. */
    public sealed interface Built {
        record Ready(ApiRequest request) implements Built {
        }

        record Invalid(String reason) implements Built {
        }
    }

    /** Builds the request for the server, with {@code Authorization: Bearer} when a token is given. */
    public Built build(String serverUrl, String bearerToken) {
        String verb = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        if (!verb.matches("[A-Z]{3,10}")) {
            return new Built.Invalid("'" + method + "' is not an HTTP method");
        }
        if (path == null || path.isBlank()) {
            return new Built.Invalid("Enter a path such as /protected");
        }
        ApiRequest request;
        try {
            request = ApiRequest.of(verb, serverUrl, path.strip());
        } catch (IllegalArgumentException e) {
            return new Built.Invalid(e.getMessage());
        }
        List<String> lines = headers == null ? List.of() : headers.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                return new Built.Invalid("Header line " + (i + 1) + " is not 'Name: value'");
            }
            request = request.withHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        if (bearerToken != null && request.header("Authorization").isEmpty()) {
            request = request.withBearer(bearerToken);
        }
        if (body != null && !body.isBlank()) {
            if (request.header("Content-Type").isEmpty()) {
                request = request.withHeader("Content-Type", "application/json");
            }
            request = request.withBody(body);
        }
        return new Built.Ready(request);
    }

    /** The body, if it is JSON, pretty-printed; otherwise as it is. */
    public static String prettyJson(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? "" : text;
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(text));
        } catch (IOException e) {
            return text;
        }
    }

    /** Whether the body is valid JSON (empty counts as valid: no body). */
    public boolean bodyIsJson() {
        if (body == null || body.isBlank()) {
            return true;
        }
        try {
            Json.mapper().readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

}
