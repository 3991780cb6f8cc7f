package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nobody can flood a mailbox with reset mail or the audit log with rows (issue 16, #11). */
class FloodHttpTest {

    private static HttpResponse<String> requestReset(TestServer server, String email) {
        return server.send("POST", "/v1/auth/password-reset/request", null, "{\"email\":\"" + email + "\"}");
    }

    @Test
    void anEmailAddressGetsThreeResetMailsAnHourAndEveryRequestTheSameAnswer() {
        try (TestServer server = TestServer.dev()) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(requestReset(server, i % 2 == 0 ? "bob@example.com" : "BOB@example.com"));
                answers.add(requestReset(server, "nobody@example.com"));
            }

            for (HttpResponse<String> answer : answers) {
                assertEquals(202, answer.statusCode());
                assertEquals(answers.getFirst().body(), answer.body());
            }
            JsonNode outbox = TestServer.json(server.get("/v1/dev/outbox", null));
            assertEquals(3, outbox.size(), outbox.toString());
        }
    }

    @Test
    void anAddressMayAskForTenResetsAnHour() {
        try (TestServer server = TestServer.start(config -> config.withRateLimitsEnabled(true))) {
            for (int i = 0; i < 10; i++) {
                assertEquals(202, requestReset(server, "someone" + i + "@example.com").statusCode());
            }

            HttpResponse<String> refused = requestReset(server, "someone-else@example.com");
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        }
    }

    private static List<JsonNode> refusals(TestServer server, String root) {
        HttpResponse<String> audit = server.get("/v1/admin/audit?limit=1000", root);
        assertEquals(200, audit.statusCode());
        return StreamSupport.stream(TestServer.json(audit).spliterator(), false)
                .filter(entry -> entry.get("event").asText().equals("UNAUTHORIZED"))
                .toList();
    }

    @Test
    void anonymousRefusalsAreCountedPerAddressAndMinuteInsteadOfWrittenOneByOne() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:05Z"));
        try (TestServer server = TestServer.dev(clock)) {
            String root = server.accessToken("root");
            for (int i = 0; i < 100; i++) {
                assertEquals(401, server.get("/protected", null).statusCode());
            }

            List<JsonNode> duringTheMinute = refusals(server, root);
            assertEquals(1, duringTheMinute.size(), duringTheMinute.toString());
            assertTrue(duringTheMinute.getFirst().get("detail").asText().startsWith("GET /protected: "));

            clock.advance(Duration.ofMinutes(1));
            List<JsonNode> after = refusals(server, root);
            assertEquals(2, after.size(), after.toString());
            assertEquals("99 more anonymous refusals from this address in the minute from 2026-11-29T10:00:00Z",
                    after.getFirst().get("detail").asText());
            assertEquals("127.0.0.1", after.getFirst().get("client_ip").asText());
        }
    }

    @Test
    void controlCharactersFromARequestPathAreEscapedInTheAuditLog() {
        try (TestServer server = TestServer.dev()) {
            String root = server.accessToken("root");
            assertEquals(401, server.get("/v1/users/1%0d%0aINJECTED%09x%07", null).statusCode());

            String detail = refusals(server, root).getFirst().get("detail").asText();
            assertTrue(detail.startsWith("GET /v1/users/1\\r\\nINJECTED\\tx\\u0007: "), detail);
            assertFalse(detail.chars().anyMatch(Character::isISOControl), detail);
        }
    }
}
