package io.tokenworkbench.client.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh automatically: shortly before expiry — when less than a tenth of the token's life, and at least
 * 30 seconds, is left. Stateless.
 */
public final class RefreshPolicy {

    static final Duration MINIMUM_MARGIN = Duration.ofSeconds(30);

    private RefreshPolicy() {
    }

    /** True when the tokens can be refreshed and it is time to. */
    public static boolean isDue(TokenSet tokens, Instant now) {
        return tokens.refreshToken() != null && isTimeToRenew(tokens, now);
    }

    /** True when the identity should be renewed if it can be, by refreshing or by obtaining a new token. */
    public static boolean isDue(Identity identity, Instant now) {
        TokenSet tokens = identity.tokens();
        return tokens != null && (identity.access() instanceof Access.Client ? isTimeToRenew(tokens, now)
                : isDue(tokens, now));
    }

    private static boolean isTimeToRenew(TokenSet tokens, Instant now) {
        if (tokens.expiresAt() == null) {
            return false;
        }
        Duration life = Duration.between(tokens.issuedAt(), tokens.expiresAt());
        Duration margin = life.dividedBy(10).compareTo(MINIMUM_MARGIN) > 0 ? life.dividedBy(10) : MINIMUM_MARGIN;
        return !now.isBefore(tokens.expiresAt().minus(margin));
    }
}
