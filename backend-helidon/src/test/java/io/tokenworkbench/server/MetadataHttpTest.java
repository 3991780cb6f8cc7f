package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No request header changes what the metadata says (issue 16, #7). */
class MetadataHttpTest {

    /** The metadata as answered to a request whose Host header claims another server. */
    private static String metadataWithHost(TestServer server, String host) throws Exception {
        return RawHttp.exchange(server.app.port(), "GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: "
                + host + "\r\nX-Forwarded-Host: " + host + "\r\nX-Forwarded-Proto: https\r\n\r\n", new byte[0]);
    }

    @Test
    void aForeignHostHeaderIsNotReflectedIntoTheEndpoints() throws Exception {
        try (TestServer server = TestServer.dev()) {
            String answer = metadataWithHost(server, "evil.example:443");

            assertFalse(answer.contains("evil.example"), answer);
            assertTrue(answer.contains("\"token_endpoint\":\"http://localhost:" + server.app.port() + "/v1/auth/token\""),
                    answer);
        }
    }

    @Test
    void theConfiguredPublicUrlIsWhatTheMetadataNames(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.load(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                "APP_DATA_DIR", dir.toString(), "APP_PUBLIC_URL", "https://api.example.com/"));
        try (TestServer server = TestServer.start(config, dir)) {
            String answer = metadataWithHost(server, "evil.example");

            assertTrue(answer.contains("\"token_endpoint\":\"https://api.example.com/v1/auth/token\""), answer);
            assertTrue(answer.contains("\"jwks_uri\":\"https://api.example.com/.well-known/jwks.json\""), answer);
            assertFalse(answer.contains("evil.example"), answer);
        }
    }

    @Test
    void theIssuerIsTheAddressTheMetadataIsServedFromAndTheTokensSayIt() throws Exception {
        try (TestServer server = TestServer.dev()) {
            String served = "http://localhost:" + server.app.port();
            var metadata = TestServer.json(server.get("/.well-known/oauth-authorization-server", null));
            String token = server.accessToken("alice");

            assertEquals(served, metadata.get("issuer").asText(), "RFC 8414 §3.3");
            assertEquals(served, com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
            assertEquals(200, server.get("/protected", token).statusCode());
        }
    }

    @Test
    void aPublicUrlThatIsNotAUrlIsRefusedNamingTheVariable() {
        var error = assertThrows(ConfigException.class,
                () -> AppConfig.load(Map.of("APP_PUBLIC_URL", "api.example.com")));
        assertTrue(error.getMessage().contains("APP_PUBLIC_URL"), error.getMessage());
    }
}
