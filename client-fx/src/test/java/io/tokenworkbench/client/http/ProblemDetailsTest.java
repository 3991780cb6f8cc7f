package io.tokenworkbench.client.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemDetailsTest {

    @Test
    void problemJsonIsReadWithExtensions() {
        ProblemDetails problem = ProblemDetails.parse("application/problem+json", """
                {"type":"about:blank","title":"Unauthorized","status":401,"detail":"Token expired",
                 "instance":"/protected","error":"invalid_token","trace":{"id":7}}
                """).orElseThrow();

        assertEquals("Unauthorized", problem.title());
        assertEquals(401, problem.status());
        assertEquals("Token expired", problem.detail());
        assertEquals("invalid_token", problem.error().orElseThrow());
        assertEquals("{\"id\":7}", problem.extensions().get("trace"));
    }

    @Test
    void oauthErrorInPlainJsonCountsAsProblem() {
        ProblemDetails problem = ProblemDetails.parse("application/json;charset=UTF-8",
                "{\"error\":\"invalid_grant\",\"error_description\":\"Bad credentials\"}").orElseThrow();

        assertEquals("invalid_grant", problem.error().orElseThrow());
        assertEquals("Bad credentials", problem.errorDescription().orElseThrow());
    }

    @Test
    void ordinaryJsonBrokenJsonAndTextAreNotProblems() {
        assertTrue(ProblemDetails.parse("application/json", "{\"ping\":\"pong\"}").isEmpty());
        assertTrue(ProblemDetails.parse("application/problem+json", "{not json").isEmpty());
        assertTrue(ProblemDetails.parse("text/plain", "error").isEmpty());
        assertTrue(ProblemDetails.parse("application/problem+json", "[1,2]").isEmpty());
    }
}
