package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.checks.suite.Assertion;
import io.tokenworkbench.client.checks.suite.Check;
import io.tokenworkbench.client.checks.suite.StatusSet;
import io.tokenworkbench.client.checks.suite.Step;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One cell of the matrix being run: the check's steps before it, the identity's credential (renewed if about to
 * expire), then the request once, once per forged token of an attack, or several times in a row for a throttle; and
 * the verdict.
 */
final class Cell {

    private final Check check;
    private final String column;
    private final StatusSet expected;
    private final Identities identities;
    private final RequestSender sender;
    private final RunControl control;

    private final Collected collected;

    Cell(Check check, String column, Identities identities, RequestSender sender, RunControl control,
         Collected collected) {
        this.collected = collected;
        this.check = check;
        this.column = column;
        this.expected = check.expectedFor(column).orElseThrow();
        this.identities = identities;
        this.sender = sender;
        this.control = control;
    }

    CellResult run(Variables runVariables) {
        Variables variables = runVariables.child();
        for (Step step : check.beforeEach()) {
            if (CheckEngine.runStep(step, variables, identities, sender, collected)
                    instanceof CheckEngine.StepOutcome.Failed(
                    String reason)) {
                return error("the step before it, '" + step.name() + "', failed: " + reason, null);
            }
        }
        Credential credential = check.freshToken() ? identities.fresh(column, variables)
                : identities.current(column, variables);
        if (credential instanceof Credential.Unavailable(String reason)) {
            return error("no token for '" + column + "': " + reason, null);
        }
        ApiRequest request;
        try {
            request = sender.build(check.request(), variables);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return error("the request cannot be built: " + e.getMessage(), null);
        }
        CellResult cell;
        if (credential instanceof Credential.Attack attack) {
            cell = attack(request, attack);
        } else if (check.repeat() != null) {
            cell = repeated(request, credential);
        } else {
            ApiRequest authorized = RequestSender.authorize(request, credential);
            ApiResult result = sender.send(authorized, expected, credential, true);
            CheckEngine.collect(check.collect(), result, column, collected);
            cell = judge(authorized, result, credential.accessToken());
        }
        return identities.jkuFetches(column).map(fetched -> cell.withNote(fetched == 0
                ? "the server did not fetch the jku key set"
                : "the server fetched the jku key set " + fetched + (fetched == 1 ? " time" : " times")
                + " (it follows URLs from unverified tokens)")).orElse(cell);
    }

    /** Every forged token is sent; the first one not refused as expected fails the cell, naming the attack. */
    private CellResult attack(ApiRequest request, Credential.Attack attack) {
        CellResult last = null;
        int sent = 0;
        for (Forgery.Forged forged : attack.attempts()) {
            if (control.isCancelled() && last != null) {
                break;
            }
            sent++;
            Credential.Bearer token = new Credential.Bearer(forged.token(), null);
            ApiRequest authorized = RequestSender.authorize(request, token);
            ApiResult result = sender.send(authorized, expected, token, true);
            CheckEngine.collect(check.collect(), result, column, collected);
            CellResult cell = judge(authorized, result, token.accessToken());
            if (cell.outcome() != Outcome.PASS) {
                String accepted = cell.actual() >= 200 && cell.actual() < 300
                        ? " — the server accepted a forged token"
                        : cell.actual() == 403 && expected.matches(401)
                        ? " — the forged token passed authentication (refused only after, by permissions)" : "";
                return new CellResult(cell.row(), cell.column(), cell.expected(), cell.actual(), cell.outcome(),
                        forged.label() + ": " + cell.reason() + accepted, cell.exchange(), forged.label());
            }
            last = cell;
        }
        String name = attack.attempts().getFirst().label();
        String kind = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        String summary = sent < attack.attempts().size()
                ? kind + ": stopped after " + sent + " of " + attack.attempts().size() + " forged tokens, all refused"
                : attack.attempts().size() == 1 ? name
                : kind + ": " + attack.attempts().size() + " forged tokens, all refused";
        return last.withNote(summary);
    }

    /** Sends the request {@code count} times in a row: the first answer as expected, the last as expect_last. */
    private CellResult repeated(ApiRequest request, Credential credential) {
        ApiRequest authorized = RequestSender.authorize(request, credential);
        Check.Repeat repeat = check.repeat();
        StatusSet last = repeat.expectLast().get(column);
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        CellResult first = null;
        ApiResult result = null;
        for (int i = 0; i < repeat.count(); i++) {
            if (control.isCancelled()) {
                return error("stopped after " + i + " of " + repeat.count() + " requests", null);
            }
            result = sender.send(authorized, null, credential, false);
            CheckEngine.collect(check.collect(), result, column, collected);
            if (result instanceof ApiResult.Response response) {
                statuses.merge(response.status(), 1, Integer::sum);
            } else {
                break;
            }
            if (i == 0) {
                first = judge(authorized, result, credential.accessToken());
                if (first.outcome() != Outcome.PASS) {
                    return first;
                }
            }
        }
        Exchange exchange = sender.record(authorized, result);
        String seen = statuses.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        if (!(result instanceof ApiResult.Response response)) {
            return error("no answer after " + statuses.values().stream().mapToInt(Integer::intValue).sum()
                    + " requests: " + ((ApiResult.Failure) result).reason(), exchange);
        }
        if (!last.matches(response.status())) {
            return new CellResult(check.name(), column, expected, response.status(), Outcome.FAIL,
                    "after " + repeat.count() + " requests in a row the last got " + response.status()
                            + ", expected " + last + " (answers: " + seen + ")", exchange);
        }
        return new CellResult(check.name(), column, expected, response.status(), Outcome.PASS, "", exchange)
                .withNote(repeat.count() + " requests in a row: " + seen);
    }

    private CellResult judge(ApiRequest request, ApiResult result, Optional<String> token) {
        Exchange exchange = sender.record(request, result);
        if (!(result instanceof ApiResult.Response response)) {
            return error(((ApiResult.Failure) result).reason(), exchange);
        }
        if (!expected.matches(response.status())) {
            return new CellResult(check.name(), column, expected, response.status(), Outcome.FAIL,
                    "expected " + expected + ", got " + response.status() + RequestSender.describe(response),
                    exchange);
        }
        for (Assertion assertion : check.assertions()) {
            if (!assertion.appliesTo(column, response.status())) {
                continue;
            }
            Optional<String> failure = Assertions.failure(assertion, response, token);
            if (failure.isPresent()) {
                return new CellResult(check.name(), column, expected, response.status(), Outcome.FAIL,
                        failure.get(), exchange);
            }
        }
        return new CellResult(check.name(), column, expected, response.status(), Outcome.PASS, "", exchange);
    }

    private CellResult error(String reason, Exchange exchange) {
        return new CellResult(check.name(), column, expected, 0, Outcome.ERROR, reason, exchange);
    }
}
