package io.tokenworkbench.client.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.Redaction;
import io.tokenworkbench.model.json.Json;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What a person typed into the request console: method, path (or absolute URL), header lines
 * ({@code Name: value}), a body. Immutable; it holds no identity's credentials — they are added when sending, and
 * only to the identity's own server.
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

    /** Builds the request for the server (a path is relative to it; an absolute URL goes where it says). */
    public Built build(String serverUrl) {
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
        if (body != null && !body.isBlank()) {
            if (request.header("Content-Type").isEmpty()) {
                request = request.withHeader("Content-Type", "application/json");
            }
            request = request.withBody(body);
        }
        return new Built.Ready(request);
    }

    /**
     * The same request with its secrets masked, as history keeps it: secret-named headers, secret JSON and form
     * fields, secret query parameters, and the {@code known} values wherever they appear.
     */
    public ConsoleRequest redacted(Redaction.Known known) {
        String maskedHeaders = headers == null ? null : headers.lines().map(line -> {
            int colon = line.indexOf(':');
            return colon <= 0 ? line : line.substring(0, colon) + ": "
                    + Redaction.header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }).collect(java.util.stream.Collectors.joining("\n"));
        return new ConsoleRequest(method, known.scrub(Redaction.url(path)), known.scrub(maskedHeaders),
                known.scrub(Redaction.body(body)));
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
