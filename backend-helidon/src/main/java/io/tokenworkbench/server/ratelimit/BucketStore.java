package io.tokenworkbench.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where Bucket4j buckets live: in this process, or in the database so that all instances share them. */
public interface BucketStore {

    /** The bucket for the key, created with the configuration on first use. */
    Bucket bucket(String key, BucketConfiguration configuration);
}
