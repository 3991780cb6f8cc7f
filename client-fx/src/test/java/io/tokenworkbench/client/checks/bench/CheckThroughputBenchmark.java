package io.tokenworkbench.client.checks.bench;

import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.server.ServerApp;
import io.tokenworkbench.server.config.AppConfig;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the check engine: a generated suite of {@value #CHECKS} checks × 12 identities (12,000 cells) against
 * an in-process dev backend on this machine (rate limits off, as for any load test), after three warm-up runs at the
 * suite's default parallelism, then at several; and the cold start of {@code client-fx.jar check} to its first
 * request. Prints the figures of issue 13's goal 5. Not a test: run it with {@code mvn -Pbenchmark verify
 * -DskipTests}. Pass another server's URL as the first argument to measure against it instead (it must be in dev
 * mode, for the minted identities).
 */
public final class CheckThroughputBenchmark {

    static final int CHECKS = 1_000;
    private static final String REFUSED = "anonymous: 401, expired: 401, bob-expired: 401, root-expired: 401";
    private static final List<String> ROUTES = List.of(
            "GET /protected: {default: 200, " + REFUSED + "}",
            "GET /v1/users/me: {default: 200, " + REFUSED + "}",
            "GET /v1/products: 200",
            "GET /v1/posts/1: 200",
            "GET /v1/admin/users: {default: 403, " + REFUSED + ", root: 200}");

    private CheckThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("twb-bench");
        ServerApp backend = args.length == 0
                ? ServerApp.start(AppConfig.forDevelopment(dataDir).withRateLimitsEnabled(false)) : null;
        String server = backend != null ? backend.baseUrl() : args[0];
        ApiClient api = ApiClient.create();
        try {
            Suite suite = SuiteParser.parse("generated.yaml", generatedSuite());
            CheckEngine engine = new CheckEngine(api, Clock.systemUTC());
            System.out.printf("Suite: %d checks × %d identities = %d cells against %s%n", suite.checks().size(),
                    suite.columns().size(), suite.checks().size() * suite.columns().size(), server);
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                run(engine, suite, server, suite.parallelism());
            }
            RunResult atDefault = run(engine, suite, server, suite.parallelism());
            double defaultSeconds = atDefault.duration().toNanos() / 1e9;
            for (int parallelism : new int[]{1, 4, 16, 32}) {
                RunResult result = run(engine, suite, server, parallelism);
                double seconds = result.duration().toNanos() / 1e9;
                System.out.printf("parallelism %2d: %6.1f s, %7.1f checks/s, %8.1f cells/s (%d passed, %d failed,"
                                + " %d errors)%n", parallelism, seconds, suite.checks().size() / seconds,
                        result.cells().count() / seconds, result.count(Outcome.PASS), result.count(Outcome.FAIL),
                        result.count(Outcome.ERROR));
            }
            System.out.printf("Goal 5 of issue 13: %d cells at the default parallelism (%d) in %.2f s (≤ 3 s: %s)%n",
                    atDefault.cells().count(), suite.parallelism(), defaultSeconds,
                    defaultSeconds <= 3 ? "met" : "NOT MET");
            Path jar = Path.of("target/client-fx.jar");
            if (Files.exists(jar)) {
                double coldStart = firstRequestAfterStart(jar, dataDir);
                System.out.printf("Goal 5 of issue 13: client-fx.jar check, JVM start to first request %.2f s "
                        + "(≤ 1 s: %s)%n", coldStart, coldStart <= 1 ? "met" : "NOT MET");
            }
        } finally {
            api.shutdown();
            if (backend != null) {
                backend.close();
            }
        }
    }

    /**
     * Seconds from starting {@code java -jar client-fx.jar check} to the first request reaching a server (a bare
     * JDK HTTP server that answers 200 to everything).
     */
    private static double firstRequestAfterStart(Path jar, Path dir) throws Exception {
        CompletableFuture<Long> firstRequest = new CompletableFuture<>();
        HttpServer stub = HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            firstRequest.complete(System.nanoTime());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        stub.start();
        Path suite = Files.writeString(dir.resolve("tiny.yaml"), """
                name: cold start
                checks:
                  - name: ping
                    request: GET /ping
                    expect: 200
                """);
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        try {
            long started = System.nanoTime();
            Process check = new ProcessBuilder(javaCommand, "-jar", jar.toString(), "check", "--server",
                    "http://127.0.0.1:" + stub.getAddress().getPort(), "--suite", suite.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("cold-start.log").toFile()).start();
            long first = firstRequest.get(60, TimeUnit.SECONDS);
            check.waitFor(60, TimeUnit.SECONDS);
            return (first - started) / 1e9;
        } finally {
            stub.stop(0);
        }
    }

    private static RunResult run(CheckEngine engine, Suite suite, String server, int parallelism) {
        return engine.run(suite, server, CheckEngine.RunOptions.defaults().withParallelism(parallelism),
                RunListener.NONE, new RunControl());
    }

    private static String generatedSuite() {
        StringBuilder yaml = new StringBuilder("""
                name: generated throughput suite
                identities:
                  alice: {mint: {username: alice, expires_in: 3600}}
                  bob: {mint: {username: bob, expires_in: 3600}}
                  sam: {mint: {username: sam, expires_in: 3600}}
                  mia: {mint: {username: mia, expires_in: 3600}}
                  root: {mint: {username: root, expires_in: 3600}}
                  expired: {mint: {username: alice, expires_in: -60}}
                  bob-expired: {mint: {username: bob, expires_in: -60}}
                  root-expired: {mint: {username: root, expires_in: -60}}
                  alice-read: {mint: {username: alice, expires_in: 3600, scope: "posts:read"}}
                  sam-read: {mint: {username: sam, expires_in: 3600, scope: "posts:read"}}
                  root-read: {mint: {username: root, expires_in: 3600, scope: "posts:read"}}
                checks:
                """);
        for (int i = 0; i < CHECKS; i++) {
            String route = ROUTES.get(i % ROUTES.size());
            int colon = route.indexOf(':');
            yaml.append("  - name: check ").append(i).append('\n')
                    .append("    request: ").append(route, 0, colon).append('\n')
                    .append("    expect: ").append(route.substring(colon + 1).strip()).append('\n');
        }
        return yaml.toString();
    }
}
