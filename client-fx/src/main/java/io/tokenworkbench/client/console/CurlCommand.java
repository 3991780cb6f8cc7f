package io.tokenworkbench.client.console;

import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.HttpHeader;

import java.util.ArrayList;
import java.util.List;

/** "Copy as curl": the request as a POSIX shell command, every argument single-quoted. Stateless. */
public final class CurlCommand {

    private CurlCommand() {
    }

    public static String of(ApiRequest request) {
        List<String> parts = new ArrayList<>(List.of("curl", "-i", "-X", quote(request.method())));
        for (HttpHeader header : request.headers()) {
            parts.add("-H");
            parts.add(quote(header.name() + ": " + header.value()));
        }
        if (request.body() != null) {
            parts.add("--data-raw");
            parts.add(quote(request.body()));
        }
        parts.add(quote(request.url()));
        return String.join(" ", parts);
    }

    /** POSIX single quoting: everything literal, a quote written as {@code '\''}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
