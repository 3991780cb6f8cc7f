package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write the API acknowledged survives the backend process being killed with SIGKILL right after the response. */
class DurabilityHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acknowledgedWritesSurviveKillMinusNine(@TempDir Path dataDir) throws Exception {
        String title = "Durable post " + System.nanoTime();
        long postId;
        Process first = startBackend(dataDir);
        try {
            String url = awaitReady(first);
            assertEquals(201, send(url, "POST", "/v1/auth/register", null,
                    "{\"username\":\"durable\",\"email\":\"durable@example.com\",\"password\":\"durable-long-password\"}")
                    .statusCode());
            String token = TestServer.json(send(url, "POST", "/v1/auth/token", null,
                    "{\"grant_type\":\"password\",\"username\":\"durable\",\"password\":\"durable-long-password\"}"))
                    .get("access_token").asText();
            HttpResponse<String> created = send(url, "POST", "/v1/posts", token,
                    "{\"title\":\"" + title + "\",\"content\":\"c\",\"published\":true}");
            assertEquals(201, created.statusCode());
            postId = TestServer.json(created).get("id").asLong();
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }

        Process second = startBackend(dataDir);
        try {
            String url = awaitReady(second);
            HttpResponse<String> post = send(url, "GET", "/v1/posts/" + postId, null, null);
            assertEquals(200, post.statusCode(), post.body());
            assertEquals(title, TestServer.json(post).get("title").asText());
            assertEquals(200, send(url, "POST", "/v1/auth/token", null,
                    "{\"grant_type\":\"password\",\"username\":\"durable\",\"password\":\"durable-long-password\"}")
                    .statusCode(), "the registered user survived");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code Main} in a child JVM on a free port, its output in a log file beside the data. */
    private static Process startBackend(Path dataDir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = MainProcess.builder(Map.of("APP_DEV_MODE", "true", "SERVER_PORT",
                Integer.toString(port), "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dataDir.toString(),
                "SECURITY_RATE_LIMITS_ENABLED", "false"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName() + ".log")
                .toFile()));
        Process process = builder.start();
        PORTS.put(process.pid(), port);
        LOGS.put(process.pid(), dataDir.resolveSibling(dataDir.getFileName() + ".log"));
        return process;
    }

    private static final java.util.Map<Long, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<Long, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Polls {@code /ping} until the child answers; on failure says what it logged. */
    private String awaitReady(Process process) throws Exception {
        String url = "http://127.0.0.1:" + PORTS.get(process.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The backend exited (" + process.exitValue() + "):\n" + log(process));
            }
            try {
                if (send(url, "GET", "/ping", null, null).statusCode() == 200) {
                    return url;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The backend did not answer /ping in 120 s; it logged:\n" + log(process));
    }

    private static String log(Process process) {
        try {
            return java.nio.file.Files.readString(LOGS.get(process.pid()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private HttpResponse<String> send(String base, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
