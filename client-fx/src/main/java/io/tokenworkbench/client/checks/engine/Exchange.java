package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.http.HttpHeader;

import java.util.List;

/**
 * One request and its response as recorded for a cell, with secrets redacted (see {@link Redaction}) so that it can
 * be shown, saved in a report or attached to a CI build.
 *
 * @param method          HTTP method
 * @param url             absolute URL
 * @param requestHeaders  headers sent
 * @param requestBody     body sent, or empty
 * @param status          status received, or 0 when there was no answer
 * @param responseHeaders headers received
 * @param responseBody    body received (possibly cut), or the reason there was no answer
 * @param millis          time taken
 * @param note            what else happened, e.g. that it was sent again on a new connection; empty when nothing
 */
public record Exchange(String method, String url, List<HttpHeader> requestHeaders, String requestBody, int status,
                       List<HttpHeader> responseHeaders, String responseBody, long millis, String note) {

    public Exchange {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    /** The request and response as HTTP-like text. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(url).append('\n');
        requestHeaders.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append('\n'));
        if (!requestBody.isEmpty()) {
            text.append('\n').append(requestBody).append('\n');
        }
        if (!note.isEmpty()) {
            text.append("\n(").append(note).append(")\n");
        }
        text.append("\n──────── ").append(status == 0 ? "no response" : "HTTP " + status).append(" in ")
                .append(millis).append(" ms\n");
        responseHeaders.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append('\n'));
        if (!responseBody.isEmpty()) {
            text.append('\n').append(responseBody).append('\n');
        }
        return text.toString();
    }
}
