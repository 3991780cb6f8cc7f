package io.tokenworkbench.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in this process only (the default; one instance). Thread-safe. */
public final class InMemoryBucketStore implements BucketStore {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(configuration.getBandwidths()[0])
                .build());
    }
}
