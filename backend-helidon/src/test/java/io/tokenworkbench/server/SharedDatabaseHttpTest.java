package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stateless tokens: two instances share one database, and a revocation on one reaches the other. */
class SharedDatabaseHttpTest {

    @Test
    void aTokenFromOneInstanceWorksOnAnotherAndItsRevocationReachesIt(@TempDir Path dir) throws Exception {
        // instances behind one address share its public URL, which is the tokens' issuer
        AppConfig config = AppConfig.load(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0", "APP_DATA_DIR",
                dir.toString(), "APP_PUBLIC_URL", "https://api.example.test")).withRateLimitsEnabled(false);
        try (TestServer first = TestServer.start(config, dir); TestServer second = TestServer.start(config, dir)) {
            String token = first.accessToken("alice");
            assertEquals(200, second.get("/protected", token).statusCode());

            assertEquals(204, first.send("POST", "/v1/auth/logout", token, null).statusCode());
            assertEquals(401, first.get("/protected", token).statusCode(), "at once on the instance that revoked it");

            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            int status = 200;
            while (status == 200 && Instant.now().isBefore(deadline)) {
                status = second.get("/protected", token).statusCode();
                if (status == 200) {
                    Thread.sleep(100);
                }
            }
            assertEquals(401, status, "the other instance learns of the revocation from the shared database");
        }
    }
}
