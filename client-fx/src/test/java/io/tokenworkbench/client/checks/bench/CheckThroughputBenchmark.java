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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Throughput of the check engine: a generated suite of {@value #CHECKS} checks × 4 identities against an in-process
 * dev backend on this machine (rate limits off, as for any load test), at several parallelisms; prints checks and
 * cells per second. Not a test: run it with {@code mvn -Pbenchmark -pl client-fx -am verify}. Pass another server's
 * URL as the first argument to measure against it instead (it must be in dev mode, for the minted identities).
 */
public final class CheckThroughputBenchmark {

    static final int CHECKS = 1_000;
    private static final List<String> ROUTES = List.of(
            "GET /protected: {default: 200, anonymous: 401, expired: 401}",
            "GET /v1/users/me: {default: 200, anonymous: 401, expired: 401}",
            "GET /v1/products: 200",
            "GET /v1/posts/1: 200",
            "GET /v1/admin/users: {default: 403, anonymous: 401, expired: 401, root: 200}");

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
            run(engine, suite, server, 4);
            for (int parallelism : new int[]{1, 4, 16, 32}) {
                RunResult result = run(engine, suite, server, parallelism);
                double seconds = result.duration().toNanos() / 1e9;
                System.out.printf("parallelism %2d: %6.1f s, %7.1f checks/s, %8.1f cells/s (%d passed, %d failed,"
                                + " %d errors)%n", parallelism, seconds, suite.checks().size() / seconds,
                        result.cells().count() / seconds, result.count(Outcome.PASS), result.count(Outcome.FAIL),
                        result.count(Outcome.ERROR));
            }
        } finally {
            api.shutdown();
            if (backend != null) {
                backend.close();
            }
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
                  root: {mint: {username: root, expires_in: 3600}}
                  expired: {mint: {username: alice, expires_in: -60}}
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
