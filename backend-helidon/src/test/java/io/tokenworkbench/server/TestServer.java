package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenworkbench.model.json.Json;
import io.tokenworkbench.server.config.AppConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A real backend on a free port with a temp data dir, and a real HTTP client to talk to it. */
final class TestServer implements AutoCloseable {

    final ServerApp app;
    final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The configuration the server was started with: its database is where {@link #query} and {@link #execute} go. */
    private final AppConfig config;

    private TestServer(AppConfig config, ServerApp app, Path dataDir) {
        this.config = config;
        this.app = app;
        this.dataDir = dataDir;
    }

    static TestServer dev() {
        return start(config -> config.withRateLimitsEnabled(false));
    }

    /** A dev server (rate limits off) on a fresh database of the kind: {@link TestDatabases#H2} or POSTGRESQL. */
    static TestServer dev(String database) {
        return onDatabase(database, Map.of());
    }

    /** As {@link #dev(String)}, with the clock every time decision reads. */
    static TestServer dev(String database, java.time.Clock clock) {
        return onDatabase(database, Map.of(), clock);
    }

    /** A dev server on a fresh database of the kind, with more environment (rate limits off unless it says). */
    static TestServer onDatabase(String database, Map<String, String> environment) {
        return onDatabase(database, environment, java.time.Clock.systemUTC());
    }

    private static TestServer onDatabase(String database, Map<String, String> environment, java.time.Clock clock) {
        try {
            Path dir = Files.createTempDirectory("twb-test");
            Map<String, String> env = new java.util.HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                    "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dir.toString(),
                    "SECURITY_RATE_LIMITS_ENABLED", "false"));
            env.putAll(TestDatabases.fresh(database));
            env.putAll(environment);
            AppConfig config = AppConfig.load(env);
            return new TestServer(config, ServerApp.start(config, clock), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(java.util.function.UnaryOperator<AppConfig> adjust) {
        try {
            Path dir = Files.createTempDirectory("twb-test");
            AppConfig config = adjust.apply(AppConfig.forDevelopment(dir));
            return new TestServer(config, ServerApp.start(config), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(AppConfig config, Path dataDir) {
        return new TestServer(config, ServerApp.start(config), dataDir);
    }

    static TestServer start(AppConfig config, Path dataDir, java.time.Clock clock) {
        return new TestServer(config, ServerApp.start(config, clock), dataDir);
    }

    /** A dev server whose every time decision reads the given clock. */
    static TestServer dev(java.time.Clock clock) {
        try {
            Path dir = Files.createTempDirectory("twb-test");
            AppConfig config = AppConfig.forDevelopment(dir).withRateLimitsEnabled(false);
            return new TestServer(config, ServerApp.start(config, clock), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This server's database, reached as another tool would (same JVM, so H2 shares the open database). */
    private org.jdbi.v3.core.Jdbi database() {
        return config.database().username().isBlank() ? org.jdbi.v3.core.Jdbi.create(config.jdbcUrl())
                : org.jdbi.v3.core.Jdbi.create(config.jdbcUrl(), config.database().username(),
                config.database().password());
    }

    /** Runs SQL against this server's own database. */
    <T> T query(String sql, org.jdbi.v3.core.mapper.RowMapper<T> mapper, java.util.function.Consumer<java.util.List<T>> check) {
        var jdbi = database();
        java.util.List<T> rows = jdbi.withHandle(h -> h.createQuery(sql).map(mapper).list());
        check.accept(rows);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Changes this server's database behind its back, as another tool would (same JVM, same open H2 database). */
    int execute(String sql) {
        return database().withHandle(h -> h.createUpdate(sql).execute());
    }

    String url(String path) {
        return app.baseUrl() + path;
    }

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(String method, String path, String token, String body) {
        return send(method, path, token, body, Map.of());
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    HttpResponse<String> form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, null, body, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** The token response of a password grant, asserting success. */
    JsonNode login(String username, String password, String scope) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("grant_type", "password", "username", username,
                "password", password));
        if (scope != null) {
            fields.put("scope", scope);
        }
        HttpResponse<String> response = form("/v1/auth/token", fields);
        if (response.statusCode() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    String accessToken(String username) {
        return login(username, username + "-password-1", null).get("access_token").asText();
    }

    /** A dev-minted token: {@code request} is the JSON body of /v1/dev/tokens. */
    String mint(String request) {
        HttpResponse<String> response = send("POST", "/v1/dev/tokens", null, request);
        if (response.statusCode() != 200) {
            throw new AssertionError("Mint failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        app.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}
