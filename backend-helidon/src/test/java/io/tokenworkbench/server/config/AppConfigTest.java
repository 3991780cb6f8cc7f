package io.tokenworkbench.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract's environment-variable table works exactly as written, and bad values say which key is wrong. */
class AppConfigTest {

    @Test
    void defaultsMatchTheContract() {
        AppConfig config = AppConfig.load(Map.of());

        assertEquals(8080, config.server().port());
        assertFalse(config.devMode());
        assertEquals(Path.of("./data"), config.dataDir());
        assertTrue(config.jdbcUrl().startsWith("jdbc:h2:file:"));
        assertEquals(401, config.security().missingTokenStatus());
        assertEquals(List.of(), config.security().trustedProxies());
        assertEquals(List.of("127.0.0.1", "::1"), config.security().internalAllowedIps());
        assertTrue(config.security().rateLimitsEnabled());
        assertEquals(List.of(), config.security().corsAllowedOrigins());
        assertEquals("RS256", config.tokens().algorithm());
        assertEquals(Duration.ofMinutes(15), config.tokens().accessLifetime());
        assertEquals(Duration.ofDays(30), config.tokens().refreshLifetime());
    }

    @Test
    void browserLoginClientsAndSessionCookiesAreConfigured() {
        AppConfig config = AppConfig.load(Map.of("OAUTH_CLIENTS",
                "spa=https://app.example/cb https://app.example/cb2; cli=http://localhost:9000/done",
                "APP_PUBLIC_URL", "https://api.example"));

        assertEquals(Map.of("spa", java.util.List.of("https://app.example/cb", "https://app.example/cb2"),
                "cli", java.util.List.of("http://localhost:9000/done")), config.auth().clients());
        assertTrue(config.secureCookies(), "auto: the public URL is https");
        assertFalse(AppConfig.load(Map.of("APP_PUBLIC_URL", "http://api.example")).secureCookies());
        assertTrue(AppConfig.load(Map.of("SESSION_SECURE_COOKIE", "true")).secureCookies());
        for (Map<String, String> wrong : java.util.List.of(Map.of("OAUTH_CLIENTS", "spa"),
                Map.of("OAUTH_CLIENTS", "spa=https://a.example/cb;spa=https://b.example/cb"),
                Map.of("OAUTH_CLIENTS", "spa=https://a.example/cb#frag"),
                Map.of("SESSION_SECURE_COOKIE", "sometimes"),
                Map.of("SESSION_IDLE_TIMEOUT", "PT2H", "SESSION_ABSOLUTE_TIMEOUT", "PT1H"))) {
            ConfigException refused = assertThrows(ConfigException.class, () -> AppConfig.load(wrong));
            assertTrue(refused.getMessage().contains("OAUTH_CLIENTS") || refused.getMessage().contains("SESSION_"),
                    refused.getMessage());
        }
    }

    @Test
    void devModeListensOnLoopbackUnlessServerHostSaysOtherwiseAndSaysSo() {
        AppConfig dev = AppConfig.load(Map.of("APP_DEV_MODE", "true"));
        AppConfig exposed = AppConfig.load(Map.of("APP_DEV_MODE", "true", "SERVER_HOST", "0.0.0.0"));
        AppConfig production = AppConfig.load(Map.of());

        assertEquals("127.0.0.1", dev.server().host());
        assertTrue(dev.listeningNotice().orElseThrow().startsWith("Dev mode listens on 127.0.0.1 only"));
        assertEquals("0.0.0.0", exposed.server().host());
        assertTrue(exposed.listeningNotice().orElseThrow().contains("anyone who can reach it can mint tokens"));
        assertEquals("0.0.0.0", production.server().host());
        assertTrue(production.listeningNotice().isEmpty());
    }

    @Test
    void everyEnvironmentVariableOfTheContractTableApplies() {
        AppConfig config = AppConfig.load(Map.of(
                "SERVER_PORT", "9191",
                "APP_DEV_MODE", "true",
                "APP_DATA_DIR", "/tmp/somewhere",
                "DB_URL", "jdbc:postgresql://db.internal/workbench",
                "SECURITY_MISSING_TOKEN_STATUS", "403",
                "SECURITY_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2",
                "SECURITY_INTERNAL_ALLOWED_IPS", "192.0.2.7",
                "SECURITY_RATE_LIMITS_ENABLED", "false",
                "SECURITY_CORS_ALLOWED_ORIGINS", "https://a.example,https://b.example"));

        assertEquals(9191, config.server().port());
        assertTrue(config.devMode());
        assertEquals(Path.of("/tmp/somewhere"), config.dataDir());
        assertEquals("jdbc:postgresql://db.internal/workbench", config.jdbcUrl());
        assertEquals(403, config.security().missingTokenStatus());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), config.security().trustedProxies());
        assertEquals(List.of("192.0.2.7"), config.security().internalAllowedIps());
        assertFalse(config.security().rateLimitsEnabled());
        assertEquals(List.of("https://a.example", "https://b.example"), config.security().corsAllowedOrigins());
    }

    @Test
    void tokenKeysAreOverriddenByTheirEnvironmentVariablesToo() {
        AppConfig config = AppConfig.load(Map.of(
                "TOKEN_ISSUER", "https://auth.example",
                "TOKEN_AUDIENCE", "orders",
                "TOKEN_ALGORITHM", "ES256",
                "TOKEN_ACCESS_LIFETIME", "300",
                "TOKEN_REFRESH_LIFETIME", "P7D",
                "TOKEN_CLOCK_SKEW", "PT10S"));

        assertEquals("https://auth.example", config.tokens().issuer());
        assertEquals("orders", config.tokens().audience());
        assertEquals("ES256", config.tokens().algorithm());
        assertEquals(Duration.ofMinutes(5), config.tokens().accessLifetime());
        assertEquals(Duration.ofDays(7), config.tokens().refreshLifetime());
        assertEquals(Duration.ofSeconds(10), config.tokens().clockSkew());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "SERVER_PORT, eighty, SERVER_PORT",
            "SERVER_PORT, 70000, SERVER_PORT",
            "SECURITY_MISSING_TOKEN_STATUS, 404, SECURITY_MISSING_TOKEN_STATUS",
            "APP_DEV_MODE, maybe, APP_DEV_MODE",
            "TOKEN_ALGORITHM, none, TOKEN_ALGORITHM",
            "TOKEN_CLOCK_SKEW, PT5M, TOKEN_CLOCK_SKEW",
            "TOKEN_ACCESS_LIFETIME, soon, TOKEN_ACCESS_LIFETIME",
    })
    void aBadValueNamesItsKeyAndEnvironmentVariable(String variable, String value, String named) {
        ConfigException error = assertThrows(ConfigException.class, () -> AppConfig.load(Map.of(variable, value)));

        assertTrue(error.getMessage().contains(named), error.getMessage());
    }
}
