package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away and comes back under a running backend: meanwhile requests get a clear 503 with
 * {@code Retry-After} and the readiness check fails (so a load balancer stops sending traffic); afterwards the same
 * process serves again, without a restart.
 */
class DatabaseOutageHttpTest {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY);
        while (!condition.get()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within " + RECOVERY);
            Thread.sleep(100);
        }
    }

    @Test
    void anOutageIsA503AndTheBackendRecoversWhenTheDatabaseReturns(@TempDir Path pgData, @TempDir Path appData)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres database = postgres(pgData, port);
        AppConfig config = AppConfig.load(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                "APP_DATA_DIR", appData.toString(), "SECURITY_RATE_LIMITS_ENABLED", "false",
                "DB_URL", "jdbc:postgresql://localhost:" + port + "/postgres",
                "DB_USERNAME", "postgres", "DB_PASSWORD", "postgres"));
        try (TestServer server = TestServer.start(config, appData)) {
            assertEquals(200, server.get("/v1/posts", null).statusCode());
            assertEquals(200, server.get("/observe/health/ready", null).statusCode());

            database.close();

            HttpResponse<String> refused = server.get("/v1/posts", null);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertTrue(refused.body().contains("The database is unavailable"), refused.body());
            assertEquals(503, server.get("/observe/health/ready", null).statusCode(), "the load balancer is told");

            database = postgres(pgData, port);

            eventually("serving again", () -> server.get("/v1/posts", null).statusCode() == 200);
            eventually("ready again", () -> server.get("/observe/health/ready", null).statusCode() == 200);
        } finally {
            database.close();
        }
    }
}
