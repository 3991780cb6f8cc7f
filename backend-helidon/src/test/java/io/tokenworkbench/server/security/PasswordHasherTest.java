package io.tokenworkbench.server.security;

import io.tokenworkbench.server.http.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password hashing is bounded: a check that finds every slot taken is refused as busy, not queued forever. */
class PasswordHasherTest {

    @Test
    void aCheckFindingEverySlotTakenIsAServiceUnavailableWithRetryAfter() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ZERO);
        String hash = hasher.hash("correct horse battery staple");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> slowCheck = other.submit(() -> hasher.inSlot(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return hasher.verify("correct horse battery staple", hash);
            }));
            holding.await();

            ApiException busy = assertThrows(ApiException.class, () -> hasher.verifyOrBurn("guess", hash));
            assertEquals(503, busy.status());
            assertEquals("1", busy.headers().get("Retry-After"));

            release.countDown();
            assertTrue(slowCheck.get(), "a check inside a held slot reuses it instead of waiting for another");
        }
        assertFalse(hasher.verifyOrBurn("guess", hash), "the slot is free again");
    }
}
