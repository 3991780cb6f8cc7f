package io.tokenworkbench.server.ratelimit;

import java.time.Duration;

/**
 * A quota: {@code quota} requests (or, for failure limits, failures) per {@code window} for each key (client
 * address, API key, user, username or email).
 *
 * @param name   the policy's name in the RateLimit headers
 * @param quota  requests allowed per window
 * @param window the window
 */
public record RateLimitPolicy(String name, long quota, Duration window) {

    public static final RateLimitPolicy TOKEN_ENDPOINT = new RateLimitPolicy("token", 10, Duration.ofMinutes(1));
    /**
     * The browser login's form posts, and session logins: the token endpoint's quota, each in a bucket of its own so
     * that one way of logging in does not use up another's. Wrong passwords count per username over all of them.
     */
    public static final RateLimitPolicy LOGIN_PAGE = new RateLimitPolicy("login-page", 10, Duration.ofMinutes(1));
    public static final RateLimitPolicy SESSION_LOGIN = new RateLimitPolicy("session", 10, Duration.ofMinutes(1));
    public static final RateLimitPolicy DATA = new RateLimitPolicy("data", 100, Duration.ofHours(1));
    public static final RateLimitPolicy EXPENSIVE = new RateLimitPolicy("expensive", 10, Duration.ofHours(1));
    /** Wrong TOTP codes per user: the second factor cannot be guessed at speed. */
    public static final RateLimitPolicy TOTP_FAILURES = new RateLimitPolicy("totp", 5, Duration.ofMinutes(5));
    /** Wrong TOTP codes per address, over all its users (an office behind one address has several). */
    public static final RateLimitPolicy TOTP_FAILURES_PER_ADDRESS = new RateLimitPolicy("totp-address", 20,
            Duration.ofMinutes(5));
    /** Wrong passwords per username, at the token endpoint and for HTTP Basic alike. */
    public static final RateLimitPolicy PASSWORD_FAILURES = new RateLimitPolicy("password", 10,
            Duration.ofMinutes(15));
    /** Password reset requests per address. */
    public static final RateLimitPolicy RESET_PER_ADDRESS = new RateLimitPolicy("reset", 10, Duration.ofHours(1));
    /** Password reset requests per email address: a mailbox is not flooded. */
    public static final RateLimitPolicy RESET_PER_EMAIL = new RateLimitPolicy("reset-email", 3, Duration.ofHours(1));

    /** {@code "token";q=10;w=60}, the IETF draft's RateLimit-Policy value. */
    public String policyHeader() {
        return "\"" + name + "\";q=" + quota + ";w=" + window.toSeconds();
    }
}
