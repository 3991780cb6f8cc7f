package io.tokenworkbench.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * Buckets in this process only (the default; one instance). A bucket left idle longer than the longest window is
 * full again anyway, so it is dropped: keys an attacker makes up (usernames, addresses) do not pile up in memory.
 * Thread-safe.
 */
public final class InMemoryBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;

    public InMemoryBucketStore() {
        this(Duration.ofHours(2));
    }

    InMemoryBucketStore(Duration idle) {
        this.buckets = Caffeine.newBuilder().expireAfterAccess(idle).build();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, ignored -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }
}
