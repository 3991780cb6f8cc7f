package io.tokenworkbench.server;

import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside dev mode: keys must be configured, dev routes are gone, HS256 and the 403 switch work. */
class ProductionModeHttpTest {

    private static final String SECRET = "an-hs256-secret-that-is-32-bytes-long!!";
    private static final String TOTP_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void refusesToStartWithoutASigningKey(@TempDir Path dir) {
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0"));

        ConfigException error = assertThrows(ConfigException.class, () -> ServerApp.start(config));
        assertTrue(error.getMessage().contains("TOKEN_PRIVATE_KEY_FILE"), error.getMessage());
    }

    @Test
    void refusesToStartWithoutAKeyForTotpSecrets(@TempDir Path dir) {
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0",
                "TOKEN_ALGORITHM", "HS256", "TOKEN_HS_SECRET", SECRET));

        ConfigException error = assertThrows(ConfigException.class, () -> ServerApp.start(config));
        assertTrue(error.getMessage().contains("SECURITY_TOTP_KEY"), error.getMessage());
    }

    @Test
    void refusesAShortHs256Secret(@TempDir Path dir) {
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0",
                "TOKEN_ALGORITHM", "HS256", "TOKEN_HS_SECRET", "too-short"));

        ConfigException error = assertThrows(ConfigException.class, () -> ServerApp.start(config));
        assertTrue(error.getMessage().contains("32 bytes"), error.getMessage());
    }

    @Test
    void hs256TokensWorkAndDevRoutesAreGone(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "TOKEN_ALGORITHM", "HS256", "TOKEN_HS_SECRET", SECRET,
                "SECURITY_TOTP_KEY", TOTP_KEY,
                "SECURITY_RATE_LIMITS_ENABLED", "false"));
        try (TestServer server = TestServer.start(config, dir)) {
            assertEquals(404, server.send("POST", "/v1/dev/tokens", null, "{\"username\":\"alice\"}").statusCode());
            assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "password", "username", "alice",
                    "password", "alice-password-1")).statusCode(), "no demo identities outside dev mode");

            assertEquals(201, server.send("POST", "/v1/auth/register", null,
                    "{\"username\":\"carol\",\"email\":\"carol@example.com\",\"password\":\"carol-long-password\"}")
                    .statusCode());
            String token = server.login("carol", "carol-long-password", null).get("access_token").asText();
            assertEquals("HS256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
            assertEquals(200, server.get("/protected", token).statusCode());
            assertEquals(0, TestServer.json(server.get("/.well-known/jwks.json", null)).get("keys").size(),
                    "a shared secret is never published");
        }
    }

    @Test
    void aConfiguredPemKeySignsAndTheJwksPublishesIt(@TempDir Path dir) throws Exception {
        var rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
        Path pem = dir.resolve("signing-key.pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN " + "PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.toPrivateKey().getEncoded())
                + "\n-----END " + "PRIVATE KEY-----\n");
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "TOKEN_PRIVATE_KEY_FILE", pem.toString(), "TOKEN_KEY_ID", "prod-1",
                "SECURITY_TOTP_KEY", TOTP_KEY,
                "SECURITY_RATE_LIMITS_ENABLED", "false"));
        try (TestServer server = TestServer.start(config, dir)) {
            var key = TestServer.json(server.get("/.well-known/jwks.json", null)).get("keys").get(0);
            assertEquals("prod-1", key.get("kid").asText());
            assertEquals(rsa.getModulus().toString(), key.get("n").asText());
        }
    }

    @Test
    void es256WorksWithAConfiguredJwk(@TempDir Path dir) throws Exception {
        var ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        AppConfig config = AppConfig.load(Map.of("APP_DATA_DIR", dir.toString(), "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "TOKEN_ALGORITHM", "ES256", "TOKEN_PRIVATE_KEY", ec.toJSONString(),
                "SECURITY_TOTP_KEY", TOTP_KEY,
                "SECURITY_RATE_LIMITS_ENABLED", "false"));
        try (TestServer server = TestServer.start(config, dir)) {
            server.send("POST", "/v1/auth/register", null,
                    "{\"username\":\"dave\",\"email\":\"dave@example.com\",\"password\":\"dave-long-password\"}");
            String token = server.login("dave", "dave-long-password", null).get("access_token").asText();
            assertEquals("ES256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
            assertEquals(200, server.get("/protected", token).statusCode());
            assertTrue(!TestServer.json(server.get("/.well-known/jwks.json", null)).get("keys").get(0).has("d"));
        }
    }

    @Test
    void missingTokenStatus403ChangesOnlyTheNoCredentialsAnswer() {
        try (TestServer server = TestServer.start(c -> c.withRateLimitsEnabled(false).withMissingTokenStatus(403))) {
            var missing = server.get("/protected", null);
            assertEquals(403, missing.statusCode());
            assertTrue(missing.headers().firstValue("WWW-Authenticate").isEmpty());

            var invalid = server.get("/protected", "not.a.token");
            assertEquals(401, invalid.statusCode());
            assertTrue(invalid.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        }
    }
}
