package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
