package io.tokenworkbench.server.totp;

import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.ratelimit.RateLimitKeys;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;

/**
 * A TOTP code checked with the lockouts that keep it from being guessed: wrong codes are limited per user and per
 * address, whether they come in an {@code X-TOTP-Code} header or with a login (the browser login's form, a session
 * login). Thread-safe.
 */
public final class SecondFactor {

    private final TotpService totp;
    private final RateLimits limits;
    private final AuditLog audit;

    public SecondFactor(TotpService totp, RateLimits limits, AuditLog audit) {
        this.totp = totp;
        this.limits = limits;
        this.audit = audit;
    }

    /** Whether the user has an active TOTP, which a login must then be given a code for. */
    public boolean required(long userId) {
        return totp.isActive(userId);
    }

    /**
     * The user's active TOTP against the code (null when none was sent): 429 while the user or the address is locked
     * out; a wrong code counts towards the lockouts.
     */
    public TotpService.Check check(long userId, String username, String code, String clientIp) {
        String address = RateLimitKeys.address(clientIp);
        if (code != null) {
            limits.refuseIfLockedOut(RateLimitPolicy.TOTP_FAILURES, "user-" + userId);
            limits.refuseIfLockedOut(RateLimitPolicy.TOTP_FAILURES_PER_ADDRESS, address);
        }
        TotpService.Check check = totp.check(userId, code);
        if (check == TotpService.Check.INVALID && code != null) {
            recordFailure(userId, username, clientIp);
        }
        return check;
    }

    /** Counts a wrong code towards both lockouts, and audits a lockout when one begins. */
    void recordFailure(long userId, String username, String clientIp) {
        boolean userLocked = limits.recordFailure(RateLimitPolicy.TOTP_FAILURES, "user-" + userId);
        boolean addressLocked = limits.recordFailure(RateLimitPolicy.TOTP_FAILURES_PER_ADDRESS,
                RateLimitKeys.address(clientIp));
        if (userLocked || addressLocked) {
            audit.record(AuditLog.Event.TOTP_LOCKOUT, false, userId, username, clientIp,
                    "too many wrong TOTP codes: further codes refused for a while"
                            + (userLocked ? " for this user" : "") + (addressLocked ? " from this address" : ""));
        }
    }

    /** 429 while the user or the address is locked out. */
    void refuseIfLockedOut(long userId, String clientIp) {
        limits.refuseIfLockedOut(RateLimitPolicy.TOTP_FAILURES, "user-" + userId);
        limits.refuseIfLockedOut(RateLimitPolicy.TOTP_FAILURES_PER_ADDRESS, RateLimitKeys.address(clientIp));
    }
}
