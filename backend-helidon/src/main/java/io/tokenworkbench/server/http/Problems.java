package io.tokenworkbench.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.common.Problem;
import io.tokenworkbench.model.json.Json;

import java.util.Map;

/**
 * Renders every refusal as RFC 9457 {@code application/problem+json}: the one error handler of the routing, and the
 * direct handlers for errors Helidon raises before routing (malformed requests, oversized headers or bodies).
 * Anything unexpected is logged once and answered with a bare 500.
 */
public final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    public static final String PROBLEM_JSON = "application/problem+json";
    /** What Helidon passes a direct handler instead of a message it does not consider safe to show. */
    private static final String HELIDON_UNSAFE_MESSAGE = "Bad request, see server log";

    private Problems() {
    }

    /** The routing's error handler: every refusal rendered, every 401 and 403 also reported to the listener. */
    public static ErrorHandler<Throwable> handler(RefusalListener listener) {
        return (request, response, error) -> {
            if (error instanceof ApiException api && (api.status() == 401 || api.status() == 403)) {
                listener.refused(request, api);
            }
            handle(request, response, error);
        };
    }

    /** Told of every 401 and 403 (the audit log listens). */
    @FunctionalInterface
    public interface RefusalListener {
        void refused(ServerRequest request, ApiException refusal);
    }

    /** Renders anything a handler throws. */
    public static void handle(ServerRequest request, ServerResponse response, Throwable error) {
        switch (error) {
            case ApiException api -> send(response, api.status(), api.title(), api.detail(), request.path().path(),
                    api.headers(), api.oauthError().orElse(null));
            case HttpException http when http.status().code() < 500 -> send(response, http.status().code(),
                    http.status().reasonPhrase(), safeDetail(http), request.path().path(), Map.of(), null);
            case Throwable failure when databaseUnavailable(failure) -> {
                LOG.log(System.Logger.Level.WARNING, "The database is unreachable (" + failure.getClass().getSimpleName()
                        + "); answering 503 to " + request.prologue().method().text() + " " + request.path().path());
                send(response, 503, "Service Unavailable", "The database is unavailable; try again shortly",
                        request.path().path(), Map.of("Retry-After", "5"), null);
            }
            default -> {
                LOG.log(System.Logger.Level.ERROR, "Unexpected failure on " + request.prologue().method().text() + " "
                        + request.path().path(), error);
                send(response, 500, "Internal Server Error", "The server failed; the failure is logged",
                        request.path().path(), Map.of(), null);
            }
        }
    }

    /**
     * Whether a failure means the database cannot be reached: no pooled connection in time, SQLSTATE class 08
     * (connection exception) or 57P (the server shutting down or starting), as opposed to a query that failed.
     */
    private static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String safeDetail(HttpException http) {
        return switch (http.status().code()) {
            case 404 -> "There is no such endpoint";
            case 405 -> "This endpoint does not take that method";
            case 413 -> "The body is too large";
            case 415 -> "The body's media type is not supported";
            default -> "The request cannot be handled: " + http.status().reasonPhrase();
        };
    }

    /** Writes a problem body with the given status and headers. */
    public static void send(ServerResponse response, int status, String title, String detail, String instance,
                            Map<String, String> headers, String oauthError) {
        if (response.isSent()) {
            return;
        }
        response.status(Status.create(status));
        headers.forEach((name, value) -> response.headers().set(HeaderNames.create(name), value));
        response.headers().set(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        JsonBodies.sendBytes(response, body(status, title, detail, instance, oauthError));
    }

    static byte[] body(int status, String title, String detail, String instance, String oauthError) {
        try {
            return Json.mapper().writeValueAsBytes(new Problem("about:blank", title, status, detail, instance,
                    oauthError, oauthError == null ? null : detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }

    /**
     * The outermost filter: a response that says {@code Connection: close} (a request whose framing broke mid-body)
     * really ends the connection, so that no byte after it is read as another request. Helidon 4.3 writes the header
     * but reads on.
     */
    public static Filter closeWhenSaid() {
        return (chain, request, response) -> {
            chain.proceed();
            if (response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                throw new CloseConnectionException("The response closed the connection");
            }
        };
    }

    /** Direct handlers: even a request Helidon refuses before routing gets a problem body and the security headers. */
    public static DirectHandlers directHandlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, Problems::direct);
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse direct(DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType eventType, Status status,
                                                          io.helidon.http.ServerResponseHeaders headers, String message) {
        SecurityHeaders.apply(headers, false);
        headers.set(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        String detail = switch (status.code()) {
            case 413 -> "The body is larger than this server accepts";
            case 431 -> "The request headers are too large";
            case 414 -> "The request URI is too long";
            case 505 -> "This server speaks HTTP/1.1: send the request as HTTP/1.1";
            default -> message != null && !message.startsWith(HELIDON_UNSAFE_MESSAGE) && status.code() != 500 ? message
                    : status.code() >= 500 ? "The server failed; the failure is logged"
                    : "The request is malformed";
        };
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(body(status.code(), status.reasonPhrase(), detail, null, null))
                .build();
    }
}
