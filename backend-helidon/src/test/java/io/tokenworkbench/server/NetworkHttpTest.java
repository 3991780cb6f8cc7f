package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client IP decisions (X-Forwarded-For only from trusted proxies), the internal allowlist, and CORS. */
class NetworkHttpTest {

    @Test
    void spoofedForwardedForFromAnUntrustedPeerChangesNothing(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, Map.of()), dir)) {
            HttpResponse<String> direct = server.get("/internal/status", null);
            assertEquals(200, direct.statusCode());
            assertEquals("127.0.0.1", TestServer.json(direct).get("client_ip").asText());

            HttpResponse<String> spoofed = server.send("GET", "/internal/status", null, null,
                    Map.of("X-Forwarded-For", "203.0.113.9"));
            assertEquals(200, spoofed.statusCode());
            assertEquals("127.0.0.1", TestServer.json(spoofed).get("client_ip").asText());
        }
    }

    @Test
    void aTrustedProxysForwardedForDecidesTheClient(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, Map.of("SECURITY_TRUSTED_PROXIES", "127.0.0.1/32,::1",
                "SECURITY_INTERNAL_ALLOWED_IPS", "198.51.100.0/24")), dir)) {
            HttpResponse<String> outsider = server.send("GET", "/internal/status", null, null,
                    Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.9"));
            assertEquals(403, outsider.statusCode(), "the right-most untrusted hop is the client");

            HttpResponse<String> insider = server.send("GET", "/internal/status", null, null,
                    Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.7"));
            assertEquals(200, insider.statusCode());
            assertEquals("198.51.100.7", TestServer.json(insider).get("client_ip").asText());

            assertEquals(403, server.get("/internal/status", null).statusCode(), "the proxy itself is not allowed");
        }
    }

    @Test
    void theTokenRateLimitFollowsTheResolvedClientIp(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(Map.of("SECURITY_RATE_LIMITS_ENABLED", "true"));
        try (TestServer untrusted = TestServer.start(config(dir, env), dir)) {
            for (int i = 0; i < 10; i++) {
                untrusted.send("POST", "/v1/auth/token", null, "grant_type=password", Map.of(
                        "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", "192.0.2." + i));
            }
            assertEquals(429, untrusted.send("POST", "/v1/auth/token", null, "grant_type=password", Map.of(
                    "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", "192.0.2.200"))
                    .statusCode(), "rotating a spoofed header does not buy more attempts");
        }
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, Map.of("SECURITY_RATE_LIMITS_ENABLED", "true",
                "SECURITY_TRUSTED_PROXIES", "127.0.0.1/32,::1")), dir)) {
            for (int i = 1; i <= 10; i++) {
                assertEquals(400, tokenRequestFrom(server, "2001:db8:1:2::" + Integer.toHexString(i)).statusCode());
            }
            HttpResponse<String> rotated = tokenRequestFrom(server, "2001:db8:1:2:ffff:ffff:ffff:9");
            assertEquals(429, rotated.statusCode(), "another address of the same /64 is the same client");
            assertEquals(400, tokenRequestFrom(server, "2001:db8:1:3::1").statusCode(), "the next /64 is not");
        }
    }

    private static HttpResponse<String> tokenRequestFrom(TestServer server, String address) {
        return server.send("POST", "/v1/auth/token", null, "grant_type=password", Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", address));
    }

    @Test
    void corsPreflightIsAllowedOnlyForConfiguredOrigins(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, Map.of("SECURITY_CORS_ALLOWED_ORIGINS",
                "https://app.example")), dir)) {
            HttpResponse<String> allowed = preflight(server, "https://app.example");
            assertEquals(200, allowed.statusCode());
            assertEquals("https://app.example",
                    allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

            HttpResponse<String> other = preflight(server, "https://evil.example");
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertTrue(other.statusCode() >= 400, "refused: " + other.statusCode());
        }
    }

    @Test
    void noOriginIsAllowedByDefault(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, Map.of()), dir)) {
            HttpResponse<String> response = preflight(server, "https://app.example");
            assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertTrue(response.statusCode() >= 400);
            HttpResponse<String> simple = server.send("GET", "/ping", null, null, Map.of("Origin", "https://app.example"));
            assertTrue(simple.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    private static HttpResponse<String> preflight(TestServer server, String origin) {
        return server.send("OPTIONS", "/v1/posts", null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "Authorization"));
    }

    private static AppConfig config(Path dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dir.toString(), "SECURITY_RATE_LIMITS_ENABLED", "false"));
        env.putAll(extra);
        return AppConfig.load(env);
    }
}
