package io.tokenworkbench.client.checks.engine;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the attacker's JWKS on a loopback port for the {@code jku} attack, and counts who fetched it: a server
 * that fetches a key set from a URL in a token it has not yet verified is following the attacker's lead, even when
 * it then refuses the token. Lives for one run.
 */
final class JkuServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    JkuServer(JWKSet keys) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the jku attack", e);
        }
        byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                fetches.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The URL a token of {@code identity} points its {@code jku} at. */
    URI urlFor(String identity) {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path(identity));
    }

    /** How often the JWKS of {@code identity}'s tokens was fetched so far. */
    int fetchesFor(String identity) {
        AtomicInteger count = fetches.get(path(identity));
        return count == null ? 0 : count.get();
    }

    private static String path(String identity) {
        return "/jwks/" + identity + ".json";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
