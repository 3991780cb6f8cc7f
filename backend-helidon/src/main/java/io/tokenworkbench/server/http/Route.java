package io.tokenworkbench.server.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;

import java.util.List;

/**
 * One route of the API, declared once: routing, HEAD, 405 and OPTIONS answers, and the tests that hold the OpenAPI
 * document and the access table to the real routing all read it.
 *
 * @param gate     who may call it
 * @param handlers what runs after the gate (further checks such as rate limits, then the handler)
 */
public record Route(Method method, String path, Gate gate, List<Handler> handlers) {

    public Route {
        handlers = List.copyOf(handlers);
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(method.text() + " " + path + " has no handler");
        }
    }

    public static Route get(String path, Gate gate, Handler... handlers) {
        return new Route(Method.GET, path, gate, List.of(handlers));
    }

    public static Route post(String path, Gate gate, Handler... handlers) {
        return new Route(Method.POST, path, gate, List.of(handlers));
    }

    public static Route put(String path, Gate gate, Handler... handlers) {
        return new Route(Method.PUT, path, gate, List.of(handlers));
    }

    public static Route delete(String path, Gate gate, Handler... handlers) {
        return new Route(Method.DELETE, path, gate, List.of(handlers));
    }

    /** {@code GET /v1/posts/{id}}, as the access table and the OpenAPI document name it. */
    @Override
    public String toString() {
        return method.text() + " " + path;
    }
}
