package io.tokenworkbench.server.ratelimit;

import java.time.Duration;

/**
 * A quota: {@code quota} requests per {@code window} for each key (client IP, API key or user).
 *
 * @param name   the policy's name in the RateLimit headers
 * @param quota  requests allowed per window
 * @param window the window
 */
public record RateLimitPolicy(String name, long quota, Duration window) {

    public static final RateLimitPolicy TOKEN_ENDPOINT = new RateLimitPolicy("token", 10, Duration.ofMinutes(1));
    public static final RateLimitPolicy DATA = new RateLimitPolicy("data", 100, Duration.ofHours(1));
    public static final RateLimitPolicy EXPENSIVE = new RateLimitPolicy("expensive", 10, Duration.ofHours(1));

    /** {@code "token";q=10;w=60}, the IETF draft's RateLimit-Policy value. */
    public String policyHeader() {
        return "\"" + name + "\";q=" + quota + ";w=" + window.toSeconds();
    }
}
