package io.tokenworkbench.server.auth;

import io.helidon.webserver.http.ServerRequest;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.ratelimit.RateLimitKeys;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;

/**
 * Password guessing limits shared by every way a password is checked (the token endpoint, HTTP Basic): wrong
 * passwords are counted per username, and a wrong Basic password also spends the address's token-endpoint quota, so
 * neither route is a way around the other's limit. Thread-safe.
 */
public final class LoginThrottle {

    private final RateLimits limits;
    private final AuditLog audit;

    public LoginThrottle(RateLimits limits, AuditLog audit) {
        this.limits = limits;
        this.audit = audit;
    }

    /** 429 when this username's wrong passwords, or (with rate limits on) this address's attempts, are spent. */
    public void refuseIfLockedOut(ServerRequest request, String username) {
        limits.refuseIfLockedOut(RateLimitPolicy.PASSWORD_FAILURES, RateLimitKeys.name(username));
        if (limits.enabled()) {
            limits.refuseIfLockedOut(RateLimitPolicy.TOKEN_ENDPOINT, RateLimitKeys.address(request));
        }
    }

    /** As {@link #refuseIfLockedOut(ServerRequest, String)}, for the token endpoint (which spent its quota already). */
    public void refuseIfUserLockedOut(String username) {
        limits.refuseIfLockedOut(RateLimitPolicy.PASSWORD_FAILURES, RateLimitKeys.name(username));
    }

    /** Counts a wrong password for the username (and, for Basic, the address); audits a lockout. */
    public void recordFailure(ServerRequest request, String username) {
        if (limits.enabled()) {
            limits.recordFailure(RateLimitPolicy.TOKEN_ENDPOINT, RateLimitKeys.address(request));
        }
        recordUserFailure(username, ClientIp.of(request));
    }

    /** Counts a wrong password for the username only (the token endpoint counts its requests itself). */
    public void recordUserFailure(String username, String clientIp) {
        if (limits.recordFailure(RateLimitPolicy.PASSWORD_FAILURES, RateLimitKeys.name(username))) {
            audit.record(AuditLog.Event.LOGIN_LOCKOUT, false, null, username, clientIp,
                    "too many wrong passwords: this username is refused for a while");
        }
    }
}
