package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of security event is audited with who, what, where and how it ended, and no secret ends up anywhere. */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class AuditHttpTest {

    /** The database this run of the class is on. */
    @Parameter
    String database;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TestServer server;

    @BeforeEach
    void start() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        server = TestServer.dev(database);
    }

    @AfterEach
    void stop() {
        server.close();
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void everyEventKindIsRecordedAndNoSecretLeaks() {
        List<String> secrets = new ArrayList<>(List.of("alice-password-1", "wrong-password-xyz", "root-password-1",
                "alices-brand-new-password"));
        server.form("/v1/auth/token", Map.of("grant_type", "password", "username", "alice",
                "password", "wrong-password-xyz"));
        JsonNode pair = server.login("alice", "alice-password-1", null);
        String access = pair.get("access_token").asText();
        String refresh = pair.get("refresh_token").asText();
        secrets.addAll(List.of(access, refresh));
        JsonNode rotated = TestServer.json(server.form("/v1/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh)));
        secrets.add(rotated.get("refresh_token").asText());
        server.form("/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh));

        String alice = server.accessToken("alice");
        secrets.add(alice);
        JsonNode totp = TestServer.json(server.send("POST", "/v1/auth/totp", alice, null));
        secrets.add(totp.get("secret").asText());
        server.send("POST", "/v1/auth/totp/verify", alice, "{\"code\":\"000000\"}");
        JsonNode key = TestServer.json(server.send("POST", "/v1/api-keys", alice, "{\"name\":\"audit\"}"));
        secrets.add(key.get("key").asText());
        server.send("DELETE", "/v1/api-keys/" + key.get("id").asLong(), alice, null);

        server.send("POST", "/v1/auth/password-reset/request", null, "{\"email\":\"alice@example.com\"}");
        String mail = TestServer.json(server.get("/v1/dev/outbox", null)).get(0).get("body").asText();
        Matcher token = Pattern.compile("\\n\\n([A-Za-z0-9_-]{43})\\n\\n").matcher(mail);
        assertTrue(token.find());
        secrets.add(token.group(1));
        server.send("POST", "/v1/auth/password-reset/confirm", null, "{\"token\":\"" + token.group(1)
                + "\",\"new_password\":\"alices-brand-new-password\"}");

        server.get("/protected", null);
        server.get("/protected", access + "tampered");
        String bob = server.accessToken("bob");
        secrets.add(bob);
        server.get("/v1/admin/users", bob);
        server.send("POST", "/v1/auth/logout", bob, null);
        String root = server.accessToken("root");
        secrets.add(root);

        var response = server.get("/v1/admin/audit?limit=1000", root);
        assertEquals(200, response.statusCode());
        JsonNode entries = TestServer.json(response);
        Set<String> kinds = new HashSet<>();
        entries.forEach(entry -> kinds.add(entry.get("event").asText() + "/" + entry.get("outcome").asText()));
        for (String expected : List.of("LOGIN/success", "LOGIN/failure", "REFRESH/success", "REFRESH_REUSE/failure",
                "LOGOUT/success", "PASSWORD_RESET_REQUEST/success", "PASSWORD_RESET/success", "TOTP_ENROLL/success",
                "TOTP_ACTIVATE/failure", "API_KEY_CREATE/success", "API_KEY_DELETE/success", "UNAUTHORIZED/failure",
                "FORBIDDEN/failure")) {
            assertTrue(kinds.contains(expected), expected + " missing from " + kinds);
        }
        JsonNode first = entries.get(entries.size() - 1);
        assertEquals("127.0.0.1", first.get("client_ip").asText());
        assertTrue(entries.get(0).get("id").asLong() > first.get("id").asLong(), "newest first");
        JsonNode forbidden = null;
        for (JsonNode entry : entries) {
            if (entry.get("event").asText().equals("FORBIDDEN")) {
                forbidden = entry;
            }
        }
        assertEquals("bob", forbidden.get("username").asText());
        assertEquals(2, TestServer.json(server.get("/v1/admin/audit?limit=2", root)).size());

        String everything = response.body();
        List<String> logLines;
        synchronized (logged) {
            logLines = List.copyOf(logged);
        }
        for (String secret : secrets) {
            assertFalse(everything.contains(secret), "the audit log holds a secret");
            for (String line : logLines) {
                assertFalse(line.contains(secret), "a log line holds a secret: " + line);
            }
        }
    }
}
