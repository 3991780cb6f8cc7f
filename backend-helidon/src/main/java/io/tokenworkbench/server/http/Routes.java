package io.tokenworkbench.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a route registry into Helidon's routing, with what RFC 9110 asks of every resource and Helidon 4.3 leaves to
 * the application: HEAD on every GET route (the GET's status and headers, no body, §9.3.2), 405 with {@code Allow}
 * for a known path asked with another method (§15.5.6), and {@code OPTIONS} answered with {@code Allow} (§9.3.7).
 * CORS preflights are answered before this, by the CORS support; one that reaches this (no origin configured) is
 * refused.
 */
public final class Routes {

    private static final ThreadLocal<Boolean> HEAD = ThreadLocal.withInitial(() -> false);

    private Routes() {
    }

    public static void register(HttpRouting.Builder routing, List<Route> routes) {
        routing.addFilter(headFilter());
        for (Route route : routes) {
            routing.route(route.method(), route.path(), route.gate());
            for (Handler handler : route.handlers()) {
                routing.route(route.method(), route.path(), handler);
            }
        }
        for (Route route : routes) {
            if (route.method() == Method.GET) {
                routing.route(Method.HEAD, route.path(), route.gate());
                for (Handler handler : route.handlers()) {
                    routing.route(Method.HEAD, route.path(), handler);
                }
            }
        }
        allowedMethods(routes).forEach((path, allowed) -> routing.any(path, (request, response) -> {
            String allow = String.join(", ", allowed);
            response.headers().set(HeaderNames.ALLOW, allow);
            if (request.prologue().method() == Method.OPTIONS) {
                if (request.headers().contains(HeaderNames.ORIGIN)
                        && request.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
                    // a CORS preflight the CORS support left to us: no origin is allowed (none is configured)
                    throw ApiException.forbidden("Cross-origin requests are not allowed here");
                }
                response.status(Status.NO_CONTENT_204).send();
                return;
            }
            throw new ApiException(405, "This endpoint takes " + allow, Map.of("Allow", allow), null);
        }));
    }

    /**
     * Each path's methods as {@code Allow} lists them, literal paths before templates, so that a fallback for
     * {@code /v1/users/{id}} does not answer for {@code /v1/users/me}.
     */
    static Map<String, Set<String>> allowedMethods(List<Route> routes) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        routes.stream()
                .sorted(Comparator.comparing((Route route) -> route.path().contains("{")))
                .forEach(route -> {
                    Set<String> methods = allowed.computeIfAbsent(route.path(), path -> new LinkedHashSet<>());
                    methods.add(route.method().text());
                    if (route.method() == Method.GET) {
                        methods.add(Method.HEAD.text());
                    }
                });
        allowed.values().forEach(methods -> methods.add(Method.OPTIONS.text()));
        return allowed;
    }

    /** Whether the request being handled on this thread is a HEAD, whose response carries no body. */
    static boolean answeringHead() {
        return HEAD.get();
    }

    private static Filter headFilter() {
        return (chain, request, response) -> {
            HEAD.set(request.prologue().method() == Method.HEAD);
            try {
                chain.proceed();
            } finally {
                HEAD.remove();
            }
        };
    }
}
