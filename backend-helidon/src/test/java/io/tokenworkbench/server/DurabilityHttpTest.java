package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write the API acknowledged survives the backend process being killed with SIGKILL right after the response. */
class DurabilityHttpTest {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");
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

    private static Process startBackend(Path dataDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        builder.environment().put("APP_DEV_MODE", "true");
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().put("APP_DATA_DIR", dataDir.toString());
        builder.environment().put("SECURITY_RATE_LIMITS_ENABLED", "false");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static String awaitReady(Process process) throws Exception {
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = reader.readLine()) != null) {
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        Thread.ofVirtual().start(() -> reader.lines().forEach(ignored -> { }));
                        return matcher.group(1);
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("The backend exited before it was ready:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String found = url.get(120, TimeUnit.SECONDS);
        assertFalse(found.isBlank());
        return found;
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
