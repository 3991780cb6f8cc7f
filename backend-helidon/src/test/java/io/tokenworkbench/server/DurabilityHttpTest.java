package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

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

/**
 * A write the API acknowledged survives the backend process being killed with SIGKILL right after the response, on
 * the embedded H2 file and on PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class DurabilityHttpTest {

    /** The database this run of the class is on. */
    @Parameter
    String database;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acknowledgedWritesSurviveKillMinusNine(@TempDir Path dataDir) throws Exception {
        String title = "Durable post " + System.nanoTime();
        long postId;
        Map<String, String> db = TestDatabases.fresh(database);
        Process first = startBackend(dataDir, db);
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

        Process second = startBackend(dataDir, db);
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

    /** One write the backend acknowledged: a post (its id, title and content) or a logout (the revoked token). */
    private record Acknowledged(long postId, String title, String content, String revokedToken) {
    }

    /**
     * Writers post and log out as fast as they can while the backend is killed with SIGKILL: after the restart every
     * acknowledged post is there whole, every acknowledged logout still holds, and every post found is whole.
     */
    @Test
    void acknowledgedWritesSurviveKillMinusNineUnderLoad(@TempDir Path dataDir) throws Exception {
        Map<String, String> db = TestDatabases.fresh(database);
        java.util.List<Acknowledged> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process first = startBackend(dataDir, db);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CountDownLatch enoughAcknowledged = new java.util.concurrent.CountDownLatch(60);
        java.util.concurrent.atomic.AtomicReference<String> controlToken = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.List<Thread> writers = new java.util.ArrayList<>();
        try {
            String url = awaitReady(first);
            String control = TestServer.json(send(url, "POST", "/v1/auth/token", null,
                    "{\"grant_type\":\"password\",\"username\":\"bob\",\"password\":\"bob-password-1\"}"))
                    .get("access_token").asText();
            controlToken.set(control);
            String login = "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"alice-password-1\"}";
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int n = 0; running.get(); n++) {
                        try {
                            String token = TestServer.json(send(url, "POST", "/v1/auth/token", null, login))
                                    .get("access_token").asText();
                            String title = "w" + writer + "-" + n;
                            String content = "content of " + title + " ".repeat(200) + "end";
                            HttpResponse<String> created = send(url, "POST", "/v1/posts", token,
                                    "{\"title\":\"" + title + "\",\"content\":\"" + content
                                            + "\",\"published\":true}");
                            if (created.statusCode() == 201) {
                                acknowledged.add(new Acknowledged(TestServer.json(created).get("id").asLong(), title,
                                        content, null));
                                enoughAcknowledged.countDown();
                            }
                            if (send(url, "POST", "/v1/auth/logout", token, null).statusCode() == 204) {
                                acknowledged.add(new Acknowledged(0, null, null, token));
                                enoughAcknowledged.countDown();
                            }
                        } catch (Exception killed) {
                            return; // the backend is gone: whatever was in flight was never acknowledged
                        }
                    }
                }));
            }
            assertTrue(enoughAcknowledged.await(120, TimeUnit.SECONDS), "the writers got 60 acknowledgements; the "
                    + "backend logged:\n" + log(first));
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        } finally {
            running.set(false);
            first.destroyForcibly();
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        }

        Process second = startBackend(dataDir, db);
        try {
            String url = awaitReady(second);
            assertEquals(200, send(url, "GET", "/protected", controlToken.get(), null).statusCode(),
                    "a token nobody revoked still works after the restart");
            for (Acknowledged write : acknowledged) {
                if (write.revokedToken() != null) {
                    assertEquals(401, send(url, "GET", "/protected", write.revokedToken(), null).statusCode(),
                            "an acknowledged logout holds after the crash");
                } else {
                    HttpResponse<String> post = send(url, "GET", "/v1/posts/" + write.postId(), null, null);
                    assertEquals(200, post.statusCode(), "acknowledged post " + write.title() + " is there");
                    assertEquals(write.content(), TestServer.json(post).get("content").asText());
                }
            }
            var page = TestServer.json(send(url, "GET", "/v1/posts?limit=100&owner_id=1", null, null));
            for (var post : page.get("items")) {
                String title = post.get("title").asText();
                if (title.matches("w\\d+-\\d+")) {
                    assertEquals("content of " + title + " ".repeat(200) + "end", post.get("content").asText(),
                            "no post is half written");
                }
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code Main} in a child JVM on a free port, its output in a log file beside the data. */
    private static Process startBackend(Path dataDir, Map<String, String> db) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT",
                Integer.toString(port), "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dataDir.toString(),
                "SECURITY_RATE_LIMITS_ENABLED", "false",
                // the restarted backend listens elsewhere; the issuer must not change with it
                "APP_PUBLIC_URL", "https://durability.example.test"));
        env.putAll(db);
        ProcessBuilder builder = MainProcess.builder(env);
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
