package io.tokenworkbench.server.http;

import io.helidon.webserver.http.ServerRequest;

import java.util.OptionalInt;

/** Path and query parameters, checked: a bad id is a 404 and a bad number a 400, never a 500. */
public final class PathParams {

    private PathParams() {
    }

    /** The positive integer id in the path, or 404 when it is not one (no such resource can exist). */
    public static long id(ServerRequest request, String name) {
        String raw = request.path().pathParameters().first(name).orElse("");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No resource with id '" + truncate(raw) + "'");
        }
        if (id <= 0) {
            throw ApiException.notFound("Ids are positive integers");
        }
        return id;
    }

    /** An optional integer query parameter within bounds, or 400. */
    public static OptionalInt queryInt(ServerRequest request, String name, int min, int max) {
        var values = request.query().all(name, java.util.List::of);
        if (values.isEmpty() || values.getFirst().isBlank()) {
            return OptionalInt.empty();
        }
        String raw = values.getFirst();
        try {
            long value = Long.parseLong(raw.strip());
            if (value < min || value > max) {
                throw ApiException.badRequest("Query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return OptionalInt.of((int) value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be a whole number");
        }
    }

    private static String truncate(String raw) {
        String printable = raw.replaceAll("[^\\p{Alnum}_.-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
