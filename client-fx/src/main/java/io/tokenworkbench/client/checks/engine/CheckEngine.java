package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.suite.Assertion;
import io.tokenworkbench.client.checks.suite.Check;
import io.tokenworkbench.client.checks.suite.StatusSet;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a suite against a server: obtains the identities, runs the setup steps in order, then every cell of every
 * check concurrently (at most {@code parallelism} requests at once, on virtual threads), then the replay steps, and
 * classifies each cell. Blocking: call it from a background thread. No JavaFX here; the GUI, the command line and the
 * reports all read the {@link RunResult}.
 *
 * <pre>{@code
 * RunResult result = new CheckEngine(ApiClient.create(), Clock.systemUTC())
 *         .run(SuiteParser.builtin(), "http://localhost:8080", RunOptions.defaults(), RunListener.NONE, new RunControl());
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
    }

    /**
     * Obtains the identities' access tokens as a run would (log in, mint, derive): name → token, or empty when it
     * could not be obtained.
     */
    public Map<String, Optional<String>> accessTokens(List<SuiteIdentity> identities, String server) {
        RequestSender sender = new RequestSender(api, server, RunOptions.defaults().maxRateLimitWait(),
                RunListener.NONE, new RunControl());
        Map<String, SuiteIdentity> byName = identities.stream()
                .collect(Collectors.toMap(SuiteIdentity::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, Optional<String>> tokens = new LinkedHashMap<>();
        new IdentityTokens(sender).obtainAll(identities, byName).forEach((name, credential) -> tokens.put(name,
                credential instanceof Credential.Token token ? Optional.of(token.accessToken()) : Optional.empty()));
        return tokens;
    }

    /** Runs the suite; never throws for trouble with the server, which shows in the cells and notes instead. */
    public RunResult run(Suite suite, String server, RunOptions options, RunListener listener, RunControl control) {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        String runId = HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt()).substring(0, 6);
        RequestSender sender = new RequestSender(api, server, options.maxRateLimitWait(), listener, control);
        IdentityTokens tokens = new IdentityTokens(sender);
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

        listener.message("Obtaining " + suite.identities().size() + " identities");
        Map<String, SuiteIdentity> byName = suite.identities().stream()
                .collect(Collectors.toMap(SuiteIdentity::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, Credential> credentials = new ConcurrentHashMap<>(tokens.obtainAll(suite.identities(), byName));
        credentials.put(Suite.ANONYMOUS, new Credential.None());
        credentials.forEach((name, credential) -> {
            if (credential instanceof Credential.Unavailable(String reason)) {
                notes.add("Identity '" + name + "' could not be obtained: " + reason);
            }
        });

        Variables variables = Variables.forRun(suite.variables(), runId);
        for (Step step : suite.setup()) {
            if (control.isCancelled()) {
                break;
            }
            listener.message("Setup: " + step.name());
            StepOutcome outcome = runStep(step, variables, credentials, sender);
            if (outcome instanceof StepOutcome.Failed(String reason)) {
                notes.add("Setup step '" + step.name() + "' failed: " + reason);
            }
        }

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
                            CellResult cell = runCell(check, column, variables, credentials, byName, tokens, sender);
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
                    notes.add("A cell crashed the engine: " + e.getCause());
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

        Replays replays = new Replays(sender, tokens, credentials, runId, counting);
        for (var replay : suite.replays()) {
            if (control.isCancelled()) {
                break;
            }
            listener.message("Replay: " + replay.name());
            rows.addAll(replays.run(replay));
        }

        List<String> columns = new ArrayList<>(suite.columns());
        rows.forEach(row -> row.cells().keySet().forEach(column -> {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }));
        return new RunResult(suite.name(), server, started, Duration.ofNanos(System.nanoTime() - startedNanos),
                columns, rows, notes, control.isCancelled());
    }

    private CellResult runCell(Check check, String column, Variables runVariables, Map<String, Credential> credentials,
                               Map<String, SuiteIdentity> byName, IdentityTokens tokens, RequestSender sender) {
        StatusSet expected = check.expectedFor(column).orElseThrow();
        Variables variables = runVariables.child();
        for (Step step : check.beforeEach()) {
            if (runStep(step, variables, credentials, sender) instanceof StepOutcome.Failed(String reason)) {
                return new CellResult(check.name(), column, expected, 0, Outcome.ERROR,
                        "the step before it, '" + step.name() + "', failed: " + reason, null);
            }
        }
        Credential credential = credentials.get(column);
        if (check.freshToken() && byName.get(column) instanceof SuiteIdentity identity
                && !(identity instanceof SuiteIdentity.Derived) && !(identity instanceof SuiteIdentity.RawToken)) {
            credential = tokens.obtain(identity, credentials, byName);
        }
        String token;
        switch (credential) {
            case Credential.Unavailable(String reason) -> {
                return new CellResult(check.name(), column, expected, 0, Outcome.ERROR,
                        "no token for '" + column + "': " + reason, null);
            }
            case Credential.Token t -> token = t.accessToken();
            case Credential.None none -> token = null;
        }
        ApiRequest request;
        try {
            request = sender.build(check.request(), variables, token);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new CellResult(check.name(), column, expected, 0, Outcome.ERROR,
                    "the request cannot be built: " + e.getMessage(), null);
        }
        ApiResult result = sender.send(request, expected);
        Exchange exchange = RequestSender.record(request, result);
        return switch (result) {
            case ApiResult.Failure failure -> new CellResult(check.name(), column, expected, 0, Outcome.ERROR,
                    failure.reason(), exchange);
            case ApiResult.Response response -> judge(check, column, expected, response, exchange);
        };
    }

    private static CellResult judge(Check check, String column, StatusSet expected, ApiResult.Response response,
                                    Exchange exchange) {
        if (!expected.matches(response.status())) {
            return new CellResult(check.name(), column, expected, response.status(), Outcome.FAIL,
                    "expected " + expected + ", got " + response.status() + IdentityTokens.describe(response),
                    exchange);
        }
        for (Assertion assertion : check.assertions()) {
            if (!assertion.appliesTo(column, response.status())) {
                continue;
            }
            Optional<String> failure = Assertions.failure(assertion, response);
            if (failure.isPresent()) {
                return new CellResult(check.name(), column, expected, response.status(), Outcome.FAIL,
                        failure.get(), exchange);
            }
        }
        return new CellResult(check.name(), column, expected, response.status(), Outcome.PASS, "", exchange);
    }

    /** What a setup step came to. */
    sealed interface StepOutcome {
        record Done() implements StepOutcome {
        }

        record Failed(String reason) implements StepOutcome {
        }
    }

    static StepOutcome runStep(Step step, Variables variables, Map<String, Credential> credentials,
                               RequestSender sender) {
        String token = null;
        Credential credential = credentials.get(step.as());
        if (credential instanceof Credential.Unavailable(String reason)) {
            return new StepOutcome.Failed("no token for '" + step.as() + "': " + reason);
        }
        if (credential instanceof Credential.Token t) {
            token = t.accessToken();
        }
        ApiRequest request;
        try {
            request = sender.build(step.request(), variables, token);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new StepOutcome.Failed("the request cannot be built: " + e.getMessage());
        }
        ApiResult result = sender.send(request, step.expect());
        if (!(result instanceof ApiResult.Response response)) {
            return new StepOutcome.Failed(((ApiResult.Failure) result).reason());
        }
        boolean ok = step.expect() == null ? response.isSuccess() : step.expect().matches(response.status());
        if (!ok) {
            return new StepOutcome.Failed(step.request() + " answered " + response.status()
                    + IdentityTokens.describe(response) + ", expected "
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
        return new StepOutcome.Done();
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
