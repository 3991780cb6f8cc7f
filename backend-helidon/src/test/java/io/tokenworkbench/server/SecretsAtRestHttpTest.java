package io.tokenworkbench.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No secret sits readable at rest: data folder and files, TOTP secrets, mailed reset tokens (issue 16, #5). */
class SecretsAtRestHttpTest {

    private MutableClock clock;
    private TestServer server;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        server = TestServer.dev(clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theDataFolderAndEveryFileInItAreTheOwnersAlone() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir)));
        try (Stream<Path> files = Files.walk(server.dataDir, 2)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file.toString());
            }
        }
        assertTrue(Files.exists(server.dataDir.resolve("workbench.mv.db")));
    }

    @Test
    void totpSecretsAreStoredEncryptedAndStillWork() {
        String alice = server.accessToken("alice");
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", alice, null)).get("secret").asText();

        String stored = server.query("select secret from totp_secrets", (rs, ctx) -> rs.getString(1), rows -> { });
        assertNotEquals(secret, stored);
        assertFalse(stored.contains(secret));
        assertEquals(5, stored.split("\\.", -1).length, "a compact JWE");
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", alice,
                "{\"code\":\"" + TotpCodes.at(secret, clock.instant()) + "\"}").statusCode());
    }

    /** The rows in the outbox table, once the queued mail work has run (reading the dev outbox waits for it). */
    private int mails() {
        assertEquals(200, server.get("/v1/dev/outbox", null).statusCode());
        return server.query("select count(*) from outbox_mail", (rs, ctx) -> rs.getInt(1), rows -> { });
    }

    @Test
    void mailedResetTokensAreForgottenOnceUsedOrOnceExpired() {
        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"alice@example.com\"}").statusCode());
        assertEquals(1, mails());
        clock.advance(Duration.ofMinutes(61));
        assertEquals("[]", server.get("/v1/dev/outbox", null).body(), "an hour on, the mail is gone");
        assertEquals(0, mails());

        assertEquals(202, server.send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"bob@example.com\"}").statusCode());
        String body = server.get("/v1/dev/outbox", null).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\n\\\\n([A-Za-z0-9_-]{43})\\\\n\\\\n")
                .matcher(body);
        assertTrue(m.find(), body);
        assertEquals(204, server.send("POST", "/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + m.group(1) + "\",\"new_password\":\"a-brand-new-passphrase-7\"}").statusCode());
        assertEquals(0, mails(), "a used reset token's mail is forgotten at once");
        server.query("select token_hash from password_resets", (rs, ctx) -> rs.getString(1),
                hashes -> assertFalse(hashes.contains(m.group(1)), "the token itself is stored only hashed"));
    }
}
