package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under a concurrent burst exactly the quota gets through, in memory and in the shared database alike. */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class RateLimitHttpTest {

    /** The database this run of the class is on. */
    @Parameter
    String database;

    @ParameterizedTest(name = "store={0}")
    @ValueSource(strings = {"memory", "database"})
    void tokenEndpointAllowsExactlyTenPerMinutePerClientIp(String store, @TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(config(dir, store), dir)) {
            List<HttpResponse<String>> responses = burst(25, () -> server.form("/v1/auth/token",
                    Map.of("grant_type", "password", "username", "alice", "password", "wrong-password")));

            assertExactly(10, 401, responses);
            HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertEquals("\"token\";q=10;w=60", limited.headers().firstValue("RateLimit-Policy").orElseThrow());
            assertTrue(limited.headers().firstValue("RateLimit").orElseThrow().startsWith("\"token\";r=0;t="));
            assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElseThrow());
            HttpResponse<String> allowed = responses.stream().filter(r -> r.statusCode() == 401).findFirst().orElseThrow();
            assertTrue(allowed.headers().firstValue("RateLimit").orElseThrow().matches("\"token\";r=\\d;t=\\d+"));
        }
    }

    @ParameterizedTest(name = "store={0}")
    @ValueSource(strings = {"memory", "database"})
    void dataAllowsExactlyOneHundredPerHourPerKey(String store, @TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(config(dir, store), dir)) {
            String alice = server.login("alice", "alice-password-1", null).get("access_token").asText();
            String key = TestServer.json(server.send("POST", "/v1/api-keys", alice, "{\"name\":\"burst\"}"))
                    .get("key").asText();
            String otherKey = TestServer.json(server.send("POST", "/v1/api-keys", alice, "{\"name\":\"other\"}"))
                    .get("key").asText();

            List<HttpResponse<String>> responses = burst(130, () -> server.send("GET", "/v1/data", null, null,
                    Map.of("X-API-Key", key)));

            assertExactly(100, 200, responses);
            assertEquals(200, server.send("GET", "/v1/data", null, null, Map.of("X-API-Key", otherKey)).statusCode(),
                    "each key has its own bucket");
        }
    }

    @ParameterizedTest(name = "store={0}")
    @ValueSource(strings = {"memory", "database"})
    void expensiveOperationAllowsExactlyTenPerHourPerUser(String store, @TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(config(dir, store), dir)) {
            String bob = server.login("bob", "bob-password-1", null).get("access_token").asText();

            List<HttpResponse<String>> responses = burst(30, () -> server.get("/v1/expensive-operation", bob));

            assertExactly(10, 200, responses);
            String mia = server.login("mia", "mia-password-1", null).get("access_token").asText();
            assertEquals(200, server.get("/v1/expensive-operation", mia).statusCode(), "each user has a bucket");
        }
    }

    @org.junit.jupiter.api.Test
    void twoInstancesShareDatabaseBuckets(@TempDir Path dir) throws Exception {
        AppConfig config = config(dir, "database");
        try (TestServer first = TestServer.start(config, dir); TestServer second = TestServer.start(config, dir)) {
            String bob = first.login("bob", "bob-password-1", null).get("access_token").asText();
            List<HttpResponse<String>> responses = burst(30, () -> (Math.random() < 0.5 ? first : second)
                    .get("/v1/expensive-operation", bob));

            assertExactly(10, 200, responses);
        }
    }

    /** A dev server's configuration on a fresh database of this run's kind, with the given bucket store. */
    private AppConfig config(Path dir, String store) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dir.toString(), "SECURITY_RATE_LIMITS_STORE", store,
                "APP_PUBLIC_URL", "https://api.example.test"));
        env.putAll(TestDatabases.fresh(database));
        return AppConfig.load(env);
    }

    private static List<HttpResponse<String>> burst(int requests, Supplier<HttpResponse<String>> call)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit((Callable<HttpResponse<String>>) call::get));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private static void assertExactly(int quota, int allowedStatus, List<HttpResponse<String>> responses) {
        long allowed = responses.stream().filter(r -> r.statusCode() == allowedStatus).count();
        long limited = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertEquals(quota, allowed, "allowed");
        assertEquals(responses.size() - quota, limited, "limited");
    }
}
