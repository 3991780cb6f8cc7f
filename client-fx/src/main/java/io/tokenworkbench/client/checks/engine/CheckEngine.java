package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.suite.Check;
import io.tokenworkbench.client.checks.suite.Step;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a suite against a server: obtains the identities, runs the setup steps in order, then every cell of every
 * check concurrently (at most {@code parallelism} requests at once, on virtual threads), then the replay steps, and
 * classifies each cell. Blocking: call it from a background thread. No JavaFX here; the GUI, the command line and the
 * reports all read the {@link RunResult}.
 *
 * <pre>{@code
 * RunResult result = new CheckEngine(ApiClient.create(), Clock.systemUTC())
 *         .run(SuiteParser.builtin(), "http://localhost:8080", RunOptions.defaults(), RunListener.NONE,
 *              new RunControl());
 * System.out.println(result.summary());
 * }</pre>
 */
public final class CheckEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;
    private final Clock clock;

    public CheckEngine(ApiClient api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** How a run is carried out, beyond what the suite says. */
    public record RunOptions(Optional<Integer> parallelism, Duration maxRateLimitWait) {
        public static RunOptions defaults() {
            return new RunOptions(Optional.empty(), Duration.ofSeconds(65));
        }

        public RunOptions withParallelism(int n) {
            return new RunOptions(Optional.of(n), maxRateLimitWait);
        }

        /** Takes a 429 as the answer instead of waiting for the limit to pass. */
        public RunOptions withoutRateLimitWaits() {
            return new RunOptions(parallelism, Duration.ZERO);
        }
    }

    /** What obtaining one identity gave, as discovery needs to know it. */
    public sealed interface ObtainedIdentity {
        /** Obtained; its requests carry this access token, if it has one (an API key or Basic identity has none). */
        record Ready(Optional<String> accessToken) implements ObtainedIdentity {
            @Override
            public String toString() {
                return "Ready[" + (accessToken.isPresent() ? "token" : "no token") + "]";
            }
        }

        /** Could not be obtained, and why. */
        record Failed(String reason) implements ObtainedIdentity {
        }
    }

    /** Obtains the suite's identities as a run would (log in, mint, sign, derive…): name → what came of it. */
    public Map<String, ObtainedIdentity> obtainIdentities(Suite suite, String server) {
        RequestSender sender = new RequestSender(api, server, RunOptions.defaults().maxRateLimitWait(),
                RunListener.NONE, new RunControl());
        Map<String, ObtainedIdentity> obtained = new LinkedHashMap<>();
        try (Identities identities = new Identities(sender, suite.auth(), suite.identities(), clock,
                RunListener.NONE)) {
            Variables variables = Variables.forRun(suite.variables(), "discover", suite.environment());
            identities.obtainRemaining(variables);
            for (SuiteIdentity identity : suite.identities()) {
                Credential credential = identities.current(identity.name(), variables);
                obtained.put(identity.name(), credential instanceof Credential.Unavailable(String reason)
                        ? new ObtainedIdentity.Failed(reason) : new ObtainedIdentity.Ready(credential.accessToken()));
            }
        }
        return obtained;
    }

    /** Runs the suite; never throws for trouble with the server, which shows in the cells and notes instead. */
    public RunResult run(Suite suite, String server, RunOptions options, RunListener listener, RunControl control) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        String runId = HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt()).substring(0, 6);
        RequestSender sender = new RequestSender(api, server, options.maxRateLimitWait(), listener, control);
        List<String> notes = new CopyOnWriteArrayList<>();
        int total = suite.checks().stream().mapToInt(check -> check.identities().size()).sum()
                + suite.replays().stream().mapToInt(Replays::rowsOf).sum();
        listener.started(total);
        AtomicInteger done = new AtomicInteger();
        RunListener counting = new RunListener() {
            @Override
            public void cellDone(CellResult cell, int ignored) {
                listener.cellDone(cell, done.incrementAndGet());
            }

            @Override
            public void message(String text) {
                listener.message(text);
            }
        };
        Variables variables = Variables.forRun(suite.variables(), runId, suite.environment());
        Collected collected = new Collected();
        List<RowResult> rows = new ArrayList<>();
        try (Identities identities = new Identities(sender, suite.auth(), suite.identities(), clock, listener)) {
            listener.message("Obtaining " + suite.identities().size() + " identities");
            identities.obtainAll(variables);
            for (Step step : suite.setup()) {
                if (control.isCancelled()) {
                    break;
                }
                listener.message("Setup: " + step.name());
                if (runStep(step, variables, identities, sender, collected)
                        instanceof StepOutcome.Failed(String reason)) {
                    notes.add("Setup step '" + step.name() + "' failed: " + reason);
                }
            }
            identities.obtainRemaining(variables);
            identities.obtained().forEach((name, credential) -> {
                if (credential instanceof Credential.Unavailable(String reason)) {
                    notes.add("Identity '" + name + "' could not be obtained: " + reason);
                }
            });
            notes.addAll(identities.notes());

            rows.addAll(runChecks(suite, options, variables, identities, sender, counting, control, collected));

            Replays replays = new Replays(sender, identities, runId, counting);
            for (var replay : suite.replays()) {
                if (control.isCancelled()) {
                    break;
                }
                listener.message("Replay: " + replay.name());
                rows.addAll(replays.run(replay));
            }
            // After a Stop too: what the run created so far is removed all the same.
            tearDown(suite, variables, identities, sender, collected, notes, listener);
        }

        List<String> columns = new ArrayList<>(suite.columns());
        rows.forEach(row -> row.cells().keySet().forEach(column -> {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }));
        return new RunResult(suite.name(), suite.fingerprint(), server, started,
                Duration.ofNanos(System.nanoTime() - startedNanos), columns, rows, notes, control.isCancelled());
    }

    private List<RowResult> runChecks(Suite suite, RunOptions options, Variables variables, Identities identities,
                                      RequestSender sender, RunListener counting, RunControl control,
                                      Collected collected) {
        List<String> notes = new ArrayList<>();
        List<Map<String, CellResult>> checkCells = new ArrayList<>();
        suite.checks().forEach(check -> checkCells.add(new ConcurrentHashMap<>()));
        int parallelism = options.parallelism().orElse(suite.parallelism());
        Semaphore permits = new Semaphore(Math.max(1, parallelism));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < suite.checks().size(); i++) {
                Check check = suite.checks().get(i);
                Map<String, CellResult> cells = checkCells.get(i);
                for (String column : check.identities()) {
                    futures.add(executor.submit(() -> {
                        if (control.isCancelled()) {
                            return;
                        }
                        permits.acquireUninterruptibly();
                        try {
                            if (control.isCancelled()) {
                                return;
                            }
                            CellResult cell = new Cell(check, column, identities, sender, control, collected)
                                    .run(variables);
                            cells.put(column, cell);
                            counting.cellDone(cell, 0);
                        } finally {
                            permits.release();
                        }
                    }));
                }
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    counting.message("A cell crashed the engine: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    control.cancel();
                }
            }
        }
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < suite.checks().size(); i++) {
            Check check = suite.checks().get(i);
            Map<String, CellResult> ordered = new LinkedHashMap<>();
            for (String column : check.identities()) {
                CellResult cell = checkCells.get(i).get(column);
                if (cell != null) {
                    ordered.put(column, cell);
                }
            }
            rows.add(new RowResult(check.name(), check.request().toString(), false, ordered));
        }
        return rows;
    }

    /** What a setup step came to. */
    sealed interface StepOutcome {
        record Done() implements StepOutcome {
        }

        record Failed(String reason) implements StepOutcome {
        }
    }

    static StepOutcome runStep(Step step, Variables variables, Identities identities, RequestSender sender,
                               Collected collected) {
        Credential credential = identities.current(step.as(), variables);
        if (credential instanceof Credential.Unavailable(String reason)) {
            return new StepOutcome.Failed("no token for '" + step.as() + "': " + reason);
        }
        if (credential instanceof Credential.Attack) {
            return new StepOutcome.Failed("'" + step.as() + "' is an attack identity; steps run as real identities");
        }
        ApiRequest request;
        try {
            request = RequestSender.authorize(sender.build(step.request(), variables), credential);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new StepOutcome.Failed("the request cannot be built: " + e.getMessage());
        }
        ApiResult result = sender.send(request, step.expect(), credential, true);
        if (!(result instanceof ApiResult.Response response)) {
            return new StepOutcome.Failed(((ApiResult.Failure) result).reason());
        }
        boolean ok = step.expect() == null ? response.isSuccess() : step.expect().matches(response.status());
        if (!ok) {
            return new StepOutcome.Failed(step.request() + " answered " + response.status()
                    + RequestSender.describe(response) + ", expected "
                    + (step.expect() == null ? "2xx" : step.expect()));
        }
        for (var capture : step.capture().entrySet()) {
            Optional<String> value = capture(capture.getValue(), response);
            if (value.isEmpty()) {
                return new StepOutcome.Failed("capture " + capture.getKey() + ": nothing at " + capture.getValue()
                        + " in the answer");
            }
            variables.put(capture.getKey(), value.get());
        }
        collect(step.collect(), response, step.as(), collected);
        return new StepOutcome.Done();
    }

    /** Adds what a successful answer holds at each pointer to its collection; an unsuccessful one created nothing. */
    static void collect(Map<String, String> collect, ApiResult result, String collector, Collected collected) {
        if (collect.isEmpty() || !(result instanceof ApiResult.Response response) || !response.isSuccess()) {
            return;
        }
        collect.forEach((collection, from) -> capture(from, response)
                .ifPresent(value -> collected.add(collection, value, collector)));
    }

    /**
     * Runs the teardown steps, a {@code for_each} step once per collected item; what fails is noted, not thrown: a
     * run's results stand whether or not its clean-up went through.
     */
    private static void tearDown(Suite suite, Variables variables, Identities identities, RequestSender sender,
                                 Collected collected, List<String> notes, RunListener listener) {
        for (Step step : suite.teardown()) {
            if (step.forEach() == null) {
                listener.message("Teardown: " + step.name());
                if (runStep(step, variables.child(), identities, sender, collected)
                        instanceof StepOutcome.Failed(String reason)) {
                    notes.add("Teardown step '" + step.name() + "' failed: " + reason);
                }
                continue;
            }
            List<Collected.Item> items = collected.items(step.forEach());
            listener.message("Teardown: " + step.name() + " (" + items.size() + ")");
            int failed = 0;
            String firstReason = "";
            for (Collected.Item item : items) {
                Step each = step.as().equals(Step.COLLECTOR) ? new Step(step.name(), item.collector(), step.request(),
                        step.expect(), step.capture(), step.collect(), step.forEach()) : step;
                if (runStep(each, variables.with(Map.of("item", item.value())), identities, sender, collected)
                        instanceof StepOutcome.Failed(String reason)) {
                    failed++;
                    firstReason = firstReason.isEmpty() ? reason : firstReason;
                }
            }
            if (failed > 0) {
                notes.add("Teardown step '" + step.name() + "' failed for " + failed + " of " + items.size()
                        + " items, first: " + firstReason);
            }
        }
    }

    private static Optional<String> capture(String from, ApiResult.Response response) {
        if (from.startsWith("header:")) {
            return response.header(from.substring("header:".length()).strip());
        }
        try {
            JsonNode value = JSON.readTree(response.body()).at(from);
            return value.isMissingNode() || value.isNull() || value.isContainerNode() ? Optional.empty()
                    : Optional.of(value.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
