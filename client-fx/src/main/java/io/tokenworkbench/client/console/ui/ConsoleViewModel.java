package io.tokenworkbench.client.console.ui;

import io.tokenworkbench.client.console.ConsoleRequest;
import io.tokenworkbench.client.console.CurlCommand;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.Challenge;
import io.tokenworkbench.client.identity.Identity;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The request console: compose a request, send it as anonymous or as an identity, see the answer with its problem
 * details and challenges parsed; history that survives restarts; copy as curl. Sending runs on the background
 * executor; a second Send while one is in flight is ignored.
 */
public final class ConsoleViewModel {

    /** The colour class of an answer. */
    public enum Outcome { NONE, SUCCESS, REDIRECT, CLIENT_ERROR, SERVER_ERROR, FAILURE }

    private final StringProperty method = new SimpleStringProperty(this, "method", "GET");
    private final StringProperty path = new SimpleStringProperty(this, "path", "/protected");
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    /** The identity to send as; null sends anonymously. */
    private final ObjectProperty<Identity> sendAs = new SimpleObjectProperty<>(this, "sendAs");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyStringWrapper responseHeaders = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper responseBody = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<RequestHistory.Entry> history = FXCollections.observableArrayList();

    private final ApiClient api;
    private final RequestHistory store;
    private final StringProperty serverUrl;
    private final Clock clock;
    private final Executor background;
    private final Executor ui;

    public ConsoleViewModel(ApiClient api, RequestHistory store, StringProperty serverUrl, Clock clock,
                            Executor background, Executor ui) {
        this.api = api;
        this.store = store;
        this.serverUrl = serverUrl;
        this.clock = clock;
        this.background = background;
        this.ui = ui;
        history.setAll(store.entries());
        if (store.loadProblem() != null) {
            explanation.set(store.loadProblem());
        }
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public ObjectProperty<Identity> sendAsProperty() {
        return sendAs;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty responseHeadersProperty() {
        return responseHeaders.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty responseBodyProperty() {
        return responseBody.getReadOnlyProperty();
    }

    /** Parsed problem details and WWW-Authenticate challenges, or a validation message. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<RequestHistory.Entry> history() {
        return history;
    }

    private ConsoleRequest current() {
        return new ConsoleRequest(method.get(), path.get(), headers.get(), body.get());
    }

    private String token() {
        Identity identity = sendAs.get();
        return identity == null || identity.tokens() == null ? null : identity.tokens().accessToken();
    }

    /** Sends the request; invalid input is explained instead. */
    public void send() {
        if (busy.get()) {
            return;
        }
        ConsoleRequest request = current();
        String who = sendAs.get() == null ? "anonymous" : sendAs.get().label();
        switch (request.build(serverUrl.get(), token())) {
            case ConsoleRequest.Built.Invalid(String reason) -> {
                outcome.set(Outcome.NONE);
                explanation.set(reason);
            }
            case ConsoleRequest.Built.Ready ready -> {
                busy.set(true);
                status.set("Sending…");
                explanation.set(request.bodyIsJson() ? "" : "Note: the body is not valid JSON; sent as typed");
                CompletableFuture.supplyAsync(() -> api.send(ready.request()), background)
                        .whenCompleteAsync((result, failure) -> {
                            busy.set(false);
                            if (failure != null) {
                                show(new ApiResult.Failure(failure.getClass().getSimpleName(), java.time.Duration.ZERO));
                            } else {
                                show(result);
                                remember(request, who, result);
                            }
                        }, ui);
            }
        }
    }

    /** The request as a curl command, or the reason it cannot be built. */
    public String curl() {
        return switch (current().build(serverUrl.get(), token())) {
            case ConsoleRequest.Built.Ready(var request) -> CurlCommand.of(request);
            case ConsoleRequest.Built.Invalid(String reason) -> "# " + reason;
        };
    }

    public void restore(RequestHistory.Entry entry) {
        if (entry == null) {
            return;
        }
        method.set(entry.request().method());
        path.set(entry.request().path());
        headers.set(entry.request().headers() == null ? "" : entry.request().headers());
        body.set(entry.request().body() == null ? "" : entry.request().body());
    }

    public void prettyPrintBody() {
        body.set(ConsoleRequest.prettyJson(body.get()));
    }

    private void show(ApiResult result) {
        switch (result) {
            case ApiResult.Response r -> {
                outcome.set(r.status() >= 500 ? Outcome.SERVER_ERROR : r.status() >= 400 ? Outcome.CLIENT_ERROR
                        : r.status() >= 300 ? Outcome.REDIRECT : Outcome.SUCCESS);
                status.set(r.status() + "  ·  " + r.elapsed().toMillis() + " ms");
                responseHeaders.set(r.headers().stream().map(h -> h.name() + ": " + h.value())
                        .collect(Collectors.joining("\n")));
                responseBody.set(ConsoleRequest.prettyJson(r.body()));
                StringBuilder text = new StringBuilder(explanation.get());
                r.problem().ifPresent(p -> text.append(text.isEmpty() ? "" : "\n").append("Problem: ")
                        .append(p.title() == null ? "" : p.title()).append(p.detail() == null ? "" : " — " + p.detail())
                        .append(p.error().map(e -> " (error " + e + ")").orElse("")));
                for (Challenge challenge : r.challenges()) {
                    text.append(text.isEmpty() ? "" : "\n").append("Challenge: ").append(challenge.scheme())
                            .append(challenge.params().entrySet().stream()
                                    .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
                }
                explanation.set(text.toString());
            }
            case ApiResult.Failure f -> {
                outcome.set(Outcome.FAILURE);
                status.set("No answer  ·  " + f.elapsed().toMillis() + " ms");
                responseHeaders.set("");
                responseBody.set("");
                explanation.set(f.reason());
            }
        }
    }

    private void remember(ConsoleRequest request, String who, ApiResult result) {
        int code = result instanceof ApiResult.Response r ? r.status() : 0;
        RequestHistory.Entry entry = new RequestHistory.Entry(request, who, code, clock.instant());
        CompletableFuture.runAsync(() -> {
            try {
                store.add(entry);
            } catch (IOException e) {
                ui.execute(() -> explanation.set("The history could not be saved: " + e.getMessage()));
            }
        }, background);
        history.addFirst(entry);
        while (history.size() > RequestHistory.LIMIT) {
            history.removeLast();
        }
    }

}
