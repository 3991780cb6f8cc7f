package io.tokenworkbench.server.bench;

import io.tokenworkbench.model.json.Json;
import io.tokenworkbench.server.ServerApp;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.token.VerifierBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The backend under load, as issue 13 measures it: wrk (2 threads, 64 connections) against a dev backend in this JVM
 * with rate limits off and RS256 — {@code /ping}, {@code /protected} with one token and with 10,000 tokens in
 * rotation, {@code GET /v1/posts} as alice, {@code /protected} at half its peak rate, logins one per core and a burst
 * of 200 at once — then JMH on the verifier; prints each number and the ratios of the goals 1–4.
 * Not a test: {@code mvn -Pbenchmark verify -DskipTests}. Numbers vary between machines; the ratios are what to
 * compare, and only within one run.
 */
public final class BackendBenchmark {

    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(8);
    private static final int TOKENS = 10_000;
    private static final String LOGIN_SCRIPT = """
            wrk.method = "POST"
            wrk.body = "grant_type=password&username=alice&password=alice-password-1"
            wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
            """;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    /** One wrk run: requests per second, median and 99th percentile latency in milliseconds. */
    record Load(String name, double perSecond, double p50, double p99) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-40s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms", name, perSecond,
                    p50, p99);
        }
    }

    private final String base;
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    private BackendBenchmark(String base, Path work) {
        this.base = base;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (!wrkInstalled()) {
            System.err.println("The benchmark drives the backend with wrk, which is not installed: "
                    + "sudo apt-get install wrk (Debian, Ubuntu) or brew install wrk (macOS)");
            System.exit(2);
        }
        // JMH first: its forked JVMs report over Java serialization, which Helidon's JVM-wide filter then refuses
        Map<String, Double> verifier = verifierThroughput();
        Path work = Files.createTempDirectory("twb-backend-bench");
        try (ServerApp backend = ServerApp.start(AppConfig.forDevelopment(work.resolve("data"))
                .withRateLimitsEnabled(false))) {
            new BackendBenchmark(backend.baseUrl(), work).run(verifier);
        }
        onPostgres(work);
        System.exit(0);
    }

    private void run(Map<String, Double> verifier) throws Exception {
        System.out.println("Backend benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, wrk -t2 -c64, "
                + RUN.toSeconds() + " s a run, rate limits off, RS256");
        String alice = login("alice", "alice-password-1");
        Path tokens = mint(TOKENS);
        Path rotation = script("rotation.lua", """
                local tokens = {}
                for line in io.lines("%s") do tokens[#tokens + 1] = line end
                local next = 0
                request = function()
                  next = next %% #tokens + 1
                  return wrk.format("GET", "/protected", {["Authorization"] = "Bearer " .. tokens[next]})
                end
                """.formatted(tokens));
        Path login = script("login.lua", LOGIN_SCRIPT);
        String bearer = "Authorization: Bearer " + alice;

        wrk("warm-up /ping", "/ping", 64, WARMUP, null, null);
        wrk("warm-up /protected", "/protected", 64, WARMUP, null, bearer);
        List<Double> ratios = new ArrayList<>();
        Load ping = null;
        Load protectedOne = null;
        for (int round = 1; round <= 3; round++) {
            ping = print(wrk("GET /ping (round " + round + ")", "/ping", 64, RUN, null, null));
            protectedOne = print(wrk("GET /protected, one token (round " + round + ")", "/protected", 64, RUN, null,
                    bearer));
            ratios.add(protectedOne.perSecond() / ping.perSecond());
        }
        Load rotating = print(wrk("GET /protected, 10,000 tokens", "/protected", 64, RUN, rotation, null));
        Load posts = print(wrk("GET /v1/posts as alice", "/v1/posts", 64, RUN, null, bearer));
        Load halfPeak = print(atHalfPeak(protectedOne.perSecond(), bearer));
        Load logins = print(wrk("POST /v1/auth/token, 2 at a time", "/v1/auth/token", 2, RUN, login, null));
        Burst burst = burst(200);
        System.out.println(burst);

        verifier.forEach((name, perSecond) -> System.out.printf(Locale.ROOT, "JMH %-36s %10.0f ops/s (2 threads)%n",
                name, perSecond));

        double ratio = ratios.stream().sorted().toList().get(ratios.size() / 2);
        double v = verifier.getOrDefault("VerifierBenchmark.cold RS256", Double.NaN);
        double bound = 0.9 / (1 / ping.perSecond() + 1 / v);
        System.out.println();
        System.out.println("Goals of issue 13 (ratios from this run):");
        goal("1. /protected ÷ /ping ≥ 0.90", String.format(Locale.ROOT, "%.2f, the median of rounds %s", ratio,
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()), ratio >= 0.90);
        goal("2. 10,000 tokens ≥ 0.9 / (1/P + 1/V)", String.format(Locale.ROOT, "%.0f ≥ %.0f (P %.0f, V %.0f)",
                rotating.perSecond(), bound, ping.perSecond(), v), rotating.perSecond() >= bound);
        goal("3. p99 at half the peak ≤ 5 ms", String.format(Locale.ROOT, "%.2f ms at %.0f req/s", halfPeak.p99(),
                halfPeak.perSecond()), halfPeak.p99() <= 5);
        goal("4. login p50 ≤ 120 ms; a burst of 200 all answered, no 5xx",
                String.format(Locale.ROOT, "p50 %.0f ms; %s", logins.p50(), burst.summary()),
                logins.p50() <= 120 && burst.allAnswered() && burst.serverErrors() == 0);
        System.out.println("(/v1/posts as alice: " + Math.round(posts.perSecond()) + " req/s)");
    }

    private static Load print(Load load) {
        System.out.println(load);
        return load;
    }

    private static void goal(String goal, String measured, boolean met) {
        System.out.printf(Locale.ROOT, "  %-52s %-52s %s%n", goal, measured, met ? "met" : "NOT MET");
    }

    private static boolean wrkInstalled() throws InterruptedException {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Path script(String name, String lua) throws IOException {
        return Files.writeString(work.resolve(name), lua);
    }

    /**
     * {@code /protected} at about half the given peak: each of many connections waits 2 ms between requests (wrk
     * has no fixed-rate mode; wrk2 does, but is not packaged).
     */
    private Load atHalfPeak(double peak, String bearer) throws Exception {
        Path paced = script("paced.lua", "function delay() return 2 end\n");
        int guess = (int) Math.max(8, Math.round(peak / 2 * 0.002));
        Load probe = wrk("calibration", "/protected", guess, Duration.ofSeconds(3), paced, bearer);
        int connections = (int) Math.max(8, Math.round(guess * (peak / 2) / probe.perSecond()));
        return wrk("GET /protected at about half the peak", "/protected", connections, RUN, paced, bearer);
    }

    /**
     * One instance, then two on one PostgreSQL (embedded, on this machine): authenticated requests and logins, the
     * two instances loaded at once by a wrk each. On one machine the instances share its cores, so this shows what
     * the shared database costs, not what a second machine would add.
     */
    private static void onPostgres(Path work) throws Exception {
        System.out.println();
        System.out.println("On PostgreSQL (embedded, same machine), rate limits in the database store disabled:");
        try (var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                    "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", work.resolve("pg-data").toString(),
                    "APP_PUBLIC_URL", "http://localhost:8080", "SECURITY_RATE_LIMITS_ENABLED", "false",
                    "DB_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "DB_USERNAME", "postgres", "DB_PASSWORD", "postgres"));
            try (ServerApp first = ServerApp.start(AppConfig.load(env))) {
                BackendBenchmark one = new BackendBenchmark(first.baseUrl(), work);
                String bearer = "Authorization: Bearer " + one.login("alice", "alice-password-1");
                Path login = one.script("login.lua", LOGIN_SCRIPT);
                one.wrk("warm-up", "/protected", 64, WARMUP, null, bearer);
                Load protectedOne = print(one.wrk("1 instance: GET /protected", "/protected", 64, RUN, null, bearer));
                Load loginsOne = print(one.wrk("1 instance: POST /v1/auth/token", "/v1/auth/token", 2, RUN, login,
                        null));
                try (ServerApp second = ServerApp.start(AppConfig.load(env))) {
                    BackendBenchmark two = new BackendBenchmark(second.baseUrl(), work);
                    two.wrk("warm-up", "/protected", 64, WARMUP, null, bearer);
                    List<Load> both = together(one.task("A", "/protected", 32, null, bearer),
                            two.task("B", "/protected", 32, null, bearer));
                    System.out.println(sum("2 instances: GET /protected", both));
                    List<Load> logins = together(one.task("A", "/v1/auth/token", 1, login, null),
                            two.task("B", "/v1/auth/token", 1, login, null));
                    System.out.println(sum("2 instances: POST /v1/auth/token", logins));
                }
                System.out.printf(Locale.ROOT, "(one instance: %.0f authenticated requests/s, %.0f logins/s)%n",
                        protectedOne.perSecond(), loginsOne.perSecond());
            }
        }
    }

    private java.util.concurrent.Callable<Load> task(String name, String path, int connections, Path script,
                                                      String header) {
        return () -> wrk(name, path, connections, RUN, script, header);
    }

    private static List<Load> together(java.util.concurrent.Callable<Load> a, java.util.concurrent.Callable<Load> b)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(a);
            var second = pool.submit(b);
            return List.of(first.get(), second.get());
        }
    }

    private static Load sum(String name, List<Load> loads) {
        return new Load(name, loads.stream().mapToDouble(Load::perSecond).sum(),
                loads.stream().mapToDouble(Load::p50).max().orElse(Double.NaN),
                loads.stream().mapToDouble(Load::p99).max().orElse(Double.NaN));
    }

    private Load wrk(String name, String path, int connections, Duration duration, Path script, String header)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        command.add(base + path);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IllegalStateException(name + ": wrk failed or got errors:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException(name + ": no rate in wrk's output:\n" + output);
        }
        Map<String, Double> percentiles = new TreeMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            percentiles.put(percentile.group(1), switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            });
        }
        return new Load(name, Double.parseDouble(rate.group(1)), percentiles.getOrDefault("50", Double.NaN),
                percentiles.getOrDefault("99", Double.NaN));
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + username + "&password="
                        + password)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body()).get("access_token").asText();
    }

    /** {@code count} distinct valid tokens of alice's from the dev mint, one a line. */
    private Path mint(int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"expires_in\":3600}")).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<String>> minted = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            return Json.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString())
                                    .body()).get("access_token").asText();
                        } catch (Exception e) {
                            throw new IllegalStateException("minting a token failed", e);
                        }
                    }, pool))
                    .toList();
            return Files.write(work.resolve("tokens.txt"), minted.stream().map(CompletableFuture::join).toList());
        }
    }

    /** What a burst of logins got: status → count, whether every refusal said when to retry, the heap's peak. */
    record Burst(int sent, Map<Integer, Integer> statuses, boolean retryAfterOnEveryRefusal, long peakHeapMib) {
        boolean allAnswered() {
            return statuses.values().stream().mapToInt(Integer::intValue).sum() == sent && retryAfterOnEveryRefusal;
        }

        long serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                    .mapToLong(Map.Entry::getValue).sum();
        }

        String summary() {
            return sent + " logins → " + statuses + (retryAfterOnEveryRefusal ? "" : " (a refusal without Retry-After)");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-40s %s, heap peak %d MiB", "Burst of " + sent + " logins at once",
                    summary(), peakHeapMib);
        }
    }

    private Burst burst(int count) throws Exception {
        AtomicLong peak = new AtomicLong();
        var memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=bob&password=bob-password-1"))
                .build();
        List<HttpResponse<String>> answers = IntStream.range(0, count)
                .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList().stream().map(CompletableFuture::join).toList();
        sampler.interrupt();
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.statusCode(), 1, Integer::sum));
        boolean retryAfter = answers.stream().filter(a -> a.statusCode() == 429 || a.statusCode() == 503)
                .allMatch(a -> a.headers().firstValue("Retry-After").isPresent());
        return new Burst(count, statuses, retryAfter, peak.get() / (1024 * 1024));
    }

    private static Map<String, Double> verifierThroughput() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(VerifierBenchmark.class.getName())
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
                .build()).run();
        Map<String, Double> perSecond = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            perSecond.put(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1) + " "
                    + result.getParams().getParam("algorithm"), result.getPrimaryResult().getScore());
        }
        return perSecond;
    }
}
