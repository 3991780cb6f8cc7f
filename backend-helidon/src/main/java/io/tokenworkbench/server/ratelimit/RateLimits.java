package io.tokenworkbench.server.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.http.ApiException;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Token-bucket rate limits through Bucket4j. Each policy refills its whole quota once per window, so exactly the
 * quota gets through per window, even under a concurrent burst. Allowed answers carry {@code RateLimit} and
 * {@code RateLimit-Policy}; a refused one is a 429 with {@code Retry-After} too. Thread-safe.
 */
public final class RateLimits {

    private final boolean enabled;
    private final BucketStore store;

    public RateLimits(boolean enabled, BucketStore store) {
        this.enabled = enabled;
        this.store = store;
    }

    /** A gate that spends one request of the policy for the key the function picks (client IP, API key, user). */
    public Handler limit(RateLimitPolicy policy, Function<ServerRequest, String> key) {
        return (request, response) -> {
            consume(policy, key.apply(request), response);
            response.next();
        };
    }

    /** Spends one request, setting the headers on the response; throws 429 when the quota is spent. */
    public void consume(RateLimitPolicy policy, String key, ServerResponse response) {
        if (!enabled) {
            return;
        }
        ConsumptionProbe probe = bucket(policy, key).tryConsumeAndReturnRemaining(1);
        long resetSeconds = seconds(probe.getNanosToWaitForReset());
        response.headers().set(HeaderNames.create("RateLimit-Policy"), policy.policyHeader());
        if (probe.isConsumed()) {
            response.headers().set(HeaderNames.create("RateLimit"), "\"" + policy.name() + "\";r="
                    + probe.getRemainingTokens() + ";t=" + resetSeconds);
            return;
        }
        throw tooMany(policy, probe.getNanosToWaitForRefill(), "requests");
    }

    /**
     * Refuses with 429 when the key has no failures left in the policy (a lockout), before any costly or guessable
     * check runs. Failure limits hold whether or not rate limits are enabled: they are not about load.
     */
    public void refuseIfLockedOut(RateLimitPolicy policy, String key) {
        Bucket bucket = bucket(policy, key);
        if (bucket.getAvailableTokens() <= 0) {
            throw tooMany(policy, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(), "failed attempts");
        }
    }

    /** Counts one failure against the key; true when that was the last one the policy allows in its window. */
    public boolean recordFailure(RateLimitPolicy policy, String key) {
        ConsumptionProbe probe = bucket(policy, key).tryConsumeAndReturnRemaining(1);
        return !probe.isConsumed() || probe.getRemainingTokens() == 0;
    }

    /**
     * Spends one of the key's allowance without answering anything: false when it is spent. For quotas kept
     * quietly, whether or not rate limits are enabled: reset mail per email address, where every address must get
     * the same answer.
     */
    public boolean allow(RateLimitPolicy policy, String key) {
        return bucket(policy, key).tryConsume(1);
    }

    /** Whether request limits are enforced (failure limits always are). */
    public boolean enabled() {
        return enabled;
    }

    private Bucket bucket(RateLimitPolicy policy, String key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(policy.quota())
                        .refillIntervally(policy.quota(), policy.window()).build())
                .build();
        return store.bucket(policy.name() + ":" + key, configuration);
    }

    private static ApiException tooMany(RateLimitPolicy policy, long nanosToWait, String what) {
        long retryAfter = Math.max(1, seconds(nanosToWait));
        return ApiException.tooManyRequests("Too many " + what + ": at most " + policy.quota() + " per "
                + policy.window().toSeconds() + " s; retry in " + retryAfter + " s", Map.of(
                "Retry-After", Long.toString(retryAfter),
                "RateLimit-Policy", policy.policyHeader(),
                "RateLimit", "\"" + policy.name() + "\";r=0;t=" + retryAfter));
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
