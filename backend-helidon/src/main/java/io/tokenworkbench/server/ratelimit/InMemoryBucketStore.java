package io.tokenworkbench.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * Buckets in this process only (the default; one instance). A bucket left idle longer than the longest window is
 * full again anyway, so it is dropped: keys an attacker makes up (usernames, addresses) do not pile up in memory.
 * The number of buckets is bounded too; past the bound the least recently used go first, which only ever gives
 * back a fresh bucket to a key nobody has used for a while. Thread-safe.
 */
public final class InMemoryBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;

    /** Enough for every client of a busy instance; a bucket is a few hundred bytes. */
    static final long MAX_BUCKETS = 200_000;

    public InMemoryBucketStore() {
        this(Duration.ofHours(2), MAX_BUCKETS, Ticker.systemTicker());
    }

    InMemoryBucketStore(Duration idle, long maxBuckets, Ticker ticker) {
        this.buckets = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxBuckets).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /** Buckets held now (after pending evictions). */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.get(key, ignored -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }
}
