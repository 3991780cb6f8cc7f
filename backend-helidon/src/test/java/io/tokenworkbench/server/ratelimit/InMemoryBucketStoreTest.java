package io.tokenworkbench.server.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys an attacker makes up cannot fill the memory: buckets are bounded in number and dropped when idle. */
class InMemoryBucketStoreTest {

    private final AtomicLong nanos = new AtomicLong();
    private final BucketConfiguration tenPerMinute = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofMinutes(1)))
            .build();

    @Test
    void manyMadeUpKeysStayWithinTheBound() {
        InMemoryBucketStore store = new InMemoryBucketStore(Duration.ofHours(2), 100, nanos::get);

        for (int i = 0; i < 5_000; i++) {
            store.bucket("address-" + i, tenPerMinute).tryConsume(1);
        }

        assertTrue(store.size() <= 100, "held " + store.size());
    }

    @Test
    void anIdleBucketIsDroppedOnceItWouldBeFullAgainAnyway() {
        InMemoryBucketStore store = new InMemoryBucketStore(Duration.ofHours(2), 100, nanos::get);
        store.bucket("alice", tenPerMinute).tryConsume(1);
        assertEquals(1, store.size());

        nanos.addAndGet(Duration.ofHours(3).toNanos());

        assertEquals(0, store.size());
    }
}
