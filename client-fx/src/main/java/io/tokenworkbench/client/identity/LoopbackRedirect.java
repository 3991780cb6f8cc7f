package io.tokenworkbench.client.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the browser comes back to after a browser login (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 and a free
 * port, for one redirect. The browser's tab is told it may be closed; the parameters of the redirect are handed to
 * the waiting login.
 */
final class LoopbackRedirect implements AutoCloseable {

    private static final String PATH = "/callback";

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> parameters = new CompletableFuture<>();

    LoopbackRedirect() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("No loopback port is free for the browser login's redirect", e);
        }
        server.createContext(PATH, this::arrive);
        server.start();
    }

    /** The redirect URI to register with the authorization request. */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The redirect's query parameters, once the browser arrives; empty after {@code timeout}. */
    Optional<Map<String, String>> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(parameters.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The redirect could not be read", e.getCause());
        }
    }

    /**
     * The browser's tab gets its page before the login is told: the login closes this listener as soon as it knows,
     * which would otherwise cut the page off (the browser then shows a connection error).
     */
    private synchronized void arrive(HttpExchange exchange) throws IOException {
        Map<String, String> query = TokenExchange.formFields(exchange.getRequestURI().getRawQuery());
        boolean first = !parameters.isDone();
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Token Workbench</title>"
                + "</head><body><p>" + (first ? "Token Workbench has your answer: you can close this tab."
                : "This login was already answered.") + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
        exchange.close();
        if (first) {
            parameters.complete(Map.copyOf(query));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
