package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many logins at once, more than there are hashing slots: each gets an answer, a token or a refusal that says when
 * to come back, and never a server failure.
 */
class LoginBurstHttpTest {

    @Test
    void aBurstOfLoginsIsAnsweredWithoutServerFailures() throws Exception {
        try (TestServer server = TestServer.dev()) {
            List<HttpResponse<String>> answers = AtOnce.run(40, i -> () -> server.form("/v1/auth/token",
                    Map.of("grant_type", "password", "username", "bob", "password", "bob-password-1")));

            assertEquals(40, answers.size());
            for (HttpResponse<String> answer : answers) {
                int status = answer.statusCode();
                assertTrue(status == 200 || status == 429 || status == 503, status + " " + answer.body());
                if (status != 200) {
                    assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
                }
            }
            assertTrue(answers.stream().anyMatch(answer -> answer.statusCode() == 200));
        }
    }
}
