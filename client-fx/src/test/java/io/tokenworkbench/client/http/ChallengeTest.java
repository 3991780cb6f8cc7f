package io.tokenworkbench.client.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeTest {

    @Test
    void bearerChallengeWithQuotedParametersIsParsed() {
        List<Challenge> challenges = Challenge.parseAll(
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token \\\"expired\\\", sorry\"");

        assertEquals(1, challenges.size());
        Challenge bearer = challenges.getFirst();
        assertEquals("Bearer", bearer.scheme());
        assertEquals("api", bearer.param("realm").orElseThrow());
        assertEquals("invalid_token", bearer.param("ERROR").orElseThrow());
        assertEquals("The token \"expired\", sorry", bearer.param("error_description").orElseThrow());
    }

    @Test
    void severalChallengesInOneValueAreSplit() {
        List<Challenge> challenges = Challenge.parseAll("Basic realm=\"api\", Bearer realm=\"api\", scope=\"a b\"");

        assertEquals(List.of("Basic", "Bearer"), challenges.stream().map(Challenge::scheme).toList());
        assertEquals(Map.of("realm", "api"), challenges.get(0).params());
        assertEquals("a b", challenges.get(1).param("scope").orElseThrow());
    }

    @Test
    void token68AndBareSchemesAreKept() {
        List<Challenge> challenges = Challenge.parseAll("Negotiate YWJjZA==, Bearer");

        assertEquals("YWJjZA==", challenges.get(0).param("").orElseThrow());
        assertEquals("Bearer", challenges.get(1).scheme());
        assertTrue(challenges.get(1).params().isEmpty());
    }

    @Test
    void unquotedTokenValuesAndEmptyInputAreHandled() {
        assertEquals("invalid_token", Challenge.parseAll("Bearer error=invalid_token").getFirst()
                .param("error").orElseThrow());
        assertTrue(Challenge.parseAll("").isEmpty());
        assertTrue(Challenge.parseAll(null).isEmpty());
    }
}
