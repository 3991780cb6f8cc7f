package io.tokenworkbench.server.token;

import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.db.Database;
import io.tokenworkbench.server.security.TokenVerification;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifying one access token, per algorithm: {@code cold} is the whole check a token not seen before gets (canonical
 * base64url, parse, signature, claims, revocation and user state); {@code remembered} is a token verified before.
 * Two threads, as the server has two cores here. Run by {@code BackendBenchmark}, or alone with
 * {@code org.openjdk.jmh.Main VerifierBenchmark} on the test class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Threads(2)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class VerifierBenchmark {

    @Param({"RS256", "ES256", "HS256"})
    public String algorithm;

    private Path dataDir;
    private Database database;
    private AccessTokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws Exception {
        dataDir = Files.createTempDirectory("twb-verifier-bench");
        AppConfig config = AppConfig.load(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                "APP_DATA_DIR", dataDir.toString(), "TOKEN_ALGORITHM", algorithm));
        database = Database.open(config);
        UserAccount alice = new UserRepository(database.jdbi()).insert("alice", "alice@example.com", "not-a-hash",
                false, false, List.of("user"), Instant.now());
        Clock clock = Clock.systemUTC();
        SigningKeys keys = SigningKeys.load(config);
        TokenInvalidations invalidations = new TokenInvalidations(database.jdbi(), clock, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        String issuer = "http://localhost:8080";
        token = new TokenIssuer(keys, config.tokens(), () -> issuer, clock)
                .issue(alice.tokenSubject(), Set.of("posts:read")).value();
        verifier = new AccessTokenVerifier(keys, config.tokens(), () -> issuer, invalidations, clock);
        if (!(verifier.verify(token) instanceof TokenVerification.Valid)) {
            throw new IllegalStateException("the benchmark's token does not verify");
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        database.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public TokenVerification cold() {
        return verifier.verifyFully(token);
    }

    @Benchmark
    public TokenVerification remembered() {
        return verifier.verify(token);
    }
}
