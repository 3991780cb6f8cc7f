package io.tokenworkbench.client.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-06-01T12:00:00Z");
    private static final TokenSet FIFTEEN_MINUTES = new TokenSet("a", "r", ISSUED, ISSUED.plusSeconds(900), null);

    @Test
    void refreshIsDueInTheLastTenthOfTheLifetime() {
        assertFalse(RefreshPolicy.isDue(FIFTEEN_MINUTES, ISSUED.plusSeconds(800)));
        assertTrue(RefreshPolicy.isDue(FIFTEEN_MINUTES, ISSUED.plusSeconds(810)));
        assertTrue(RefreshPolicy.isDue(FIFTEEN_MINUTES, ISSUED.plusSeconds(1000)), "overdue counts too");
    }

    @Test
    void shortLivedTokensKeepAtLeastThirtySecondsOfMargin() {
        TokenSet oneMinute = new TokenSet("a", "r", ISSUED, ISSUED.plusSeconds(60), null);
        assertFalse(RefreshPolicy.isDue(oneMinute, ISSUED.plusSeconds(29)));
        assertTrue(RefreshPolicy.isDue(oneMinute, ISSUED.plusSeconds(30)));
    }

    @Test
    void nothingIsDueWithoutARefreshTokenOrAnExpiry() {
        assertFalse(RefreshPolicy.isDue(new TokenSet("a", null, ISSUED, ISSUED.plusSeconds(10), null),
                ISSUED.plusSeconds(100)));
        assertFalse(RefreshPolicy.isDue(new TokenSet("a", "r", ISSUED, null, null), ISSUED.plusSeconds(100)));
    }
}
