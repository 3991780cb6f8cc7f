package io.tokenworkbench.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Buckets in the {@code rate_limit_buckets} table, shared by every instance on the database. Bucket4j's JDBC proxy
 * managers target PostgreSQL or MySQL only, so this one uses Bucket4j's compare-and-swap proxy manager over plain
 * SQL ({@code UPDATE … WHERE state = old}), which works the same on H2 and PostgreSQL. Thread-safe.
 */
public final class DatabaseBucketStore implements BucketStore {

    private final CasProxyManager proxies;

    public DatabaseBucketStore(Jdbi jdbi) {
        this.proxies = new CasProxyManager(jdbi);
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return proxies.builder().build(key, () -> configuration);
    }

    private static final class CasProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {
        private final Jdbi jdbi;

        CasProxyManager(Jdbi jdbi) {
            super(ClientSideConfig.getDefault());
            this.jdbi = jdbi;
        }

        @Override
        protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
            return new CompareAndSwapOperation() {
                @Override
                public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                    return jdbi.withHandle(h -> h.createQuery("select state from rate_limit_buckets where bucket_key = :key")
                            .bind("key", key).mapTo(byte[].class).findOne());
                }

                @Override
                public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                              Optional<Long> timeoutNanos) {
                    if (originalData == null) {
                        try {
                            return jdbi.withHandle(h -> h.createUpdate(
                                            "insert into rate_limit_buckets (bucket_key, state) values (:key, :state)")
                                    .bind("key", key).bind("state", newData).execute()) == 1;
                        } catch (UnableToExecuteStatementException duplicate) {
                            return false;
                        }
                    }
                    if (Arrays.equals(originalData, newData)) {
                        return true;
                    }
                    return jdbi.withHandle(h -> h.createUpdate("""
                                    update rate_limit_buckets set state = :state
                                    where bucket_key = :key and state = :original""")
                            .bind("state", newData).bind("key", key).bind("original", originalData).execute()) == 1;
                }
            };
        }

        @Override
        protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
            throw new UnsupportedOperationException("Only synchronous buckets are used");
        }

        @Override
        public void removeProxy(String key) {
            jdbi.useHandle(h -> h.createUpdate("delete from rate_limit_buckets where bucket_key = :key")
                    .bind("key", key).execute());
        }

        @Override
        protected CompletableFuture<Void> removeAsync(String key) {
            return CompletableFuture.runAsync(() -> removeProxy(key));
        }

        @Override
        public boolean isAsyncModeSupported() {
            return false;
        }
    }
}
