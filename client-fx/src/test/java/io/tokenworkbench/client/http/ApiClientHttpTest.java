package io.tokenworkbench.client.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ApiClient against a real HTTP server on a free port (the JDK's own, so this test needs no backend). */
class ApiClientHttpTest {

    private static HttpServer server;
    private static String baseUrl;
    private final ApiClient api = ApiClient.create();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (exchange.getRequestMethod() + " " + auth + " " + new String(request, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Seen", "yes");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/denied", exchange -> {
            byte[] body = "{\"title\":\"Unauthorized\",\"status\":401}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"api\"");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void bodyHeadersAndBearerTravelBothWays() {
        ApiResult result = api.send(ApiRequest.json("POST", baseUrl, "/echo", "{\"a\":1}").withBearer("t0k3n"));

        ApiResult.Response response = assertInstanceOf(ApiResult.Response.class, result);
        assertEquals(200, response.status());
        assertEquals("POST Bearer t0k3n {\"a\":1}", response.body());
        assertEquals("yes", response.header("x-seen").orElseThrow());
    }

    @Test
    void problemAndChallengeOfA401AreParsed() {
        ApiResult.Response response = (ApiResult.Response) api.send(ApiRequest.get(baseUrl, "/denied"));

        assertEquals(401, response.status());
        assertEquals("Unauthorized", response.problem().orElseThrow().title());
        assertEquals("api", response.challenges().getFirst().param("realm").orElseThrow());
    }

    @Test
    void redirectsAreShownNotFollowed() {
        ApiResult.Response response = (ApiResult.Response) api.send(ApiRequest.get(baseUrl, "/moved"));

        assertEquals(302, response.status());
        assertEquals("/echo", response.header("Location").orElseThrow());
    }

    @Test
    void aClosedPortIsAFailureThatSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ApiResult result = api.send(ApiRequest.get("http://127.0.0.1:" + closedPort, "/ping"));

        ApiResult.Failure failure = assertInstanceOf(ApiResult.Failure.class, result);
        assertTrue(failure.reason().contains("Connection refused"), failure.reason());
    }

    @Test
    void anInvalidUrlIsRejectedWhenTheRequestIsBuilt() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ApiRequest.get("localhost:8080", "/ping"));
        assertTrue(error.getMessage().contains("http"), error.getMessage());
    }

    /**
     * A server that promises to keep the connection alive, answers one request, then closes the connection while it
     * sits in the pool (as uvicorn does after 5 s idle): the next request on it breaks, and is sent once more on a
     * new connection.
     */
    @Test
    void aRequestOnAPooledConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        try (var acceptor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
             ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            acceptor.submit(() -> {
                while (!socket.isClosed()) {
                    try (var connection = socket.accept()) {
                        connections.incrementAndGet();
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                                StandardCharsets.US_ASCII));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // read the request head; these requests have no body
                        }
                        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                                + "Connection: keep-alive\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
                        connection.getOutputStream().flush();
                    } catch (IOException e) {
                        return null;
                    }
                }
                return null;
            });
            String url = "http://127.0.0.1:" + socket.getLocalPort();

            ApiResult first = api.send(ApiRequest.get(url, "/"));
            ApiResult second = api.send(ApiRequest.get(url, "/"));

            assertEquals(200, ((ApiResult.Response) first).status());
            ApiResult.Response retried = assertInstanceOf(ApiResult.Response.class, second);
            assertEquals(200, retried.status());
            assertTrue(retried.retried(), "the record says it was sent again");
            assertEquals(2, connections.get(), "the first connection, reused once it was closed, then a new one");
        }
    }
}
