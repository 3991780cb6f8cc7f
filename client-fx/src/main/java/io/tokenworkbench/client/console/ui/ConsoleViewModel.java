package io.tokenworkbench.client.console.ui;

import io.tokenworkbench.client.console.ConsoleRequest;
import io.tokenworkbench.client.console.CurlCommand;
import io.tokenworkbench.client.console.RequestHistory;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.Challenge;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.Origins;
import io.tokenworkbench.client.http.Redaction;
import io.tokenworkbench.client.identity.Access;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.TextClipboard;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
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
    private final ReadOnlyStringWrapper responseRaw = new ReadOnlyStringWrapper(this, "responseRaw", "");
    /** The origin the last request went to without the identity's credentials, or empty. */
    private final ReadOnlyStringWrapper withheldOrigin = new ReadOnlyStringWrapper(this, "withheldOrigin", "");
    private final ObservableList<RequestHistory.Entry> history = FXCollections.observableArrayList();

    private final ApiClient api;
    private final ObservableList<Identity> identities;
    private final RequestHistory store;
    private final StringProperty serverUrl;
    private final Clock clock;
    private final BackgroundTasks tasks;
    private final TextClipboard clipboard;

    public ConsoleViewModel(ApiClient api, ObservableList<Identity> identities, RequestHistory store,
                            StringProperty serverUrl, Clock clock, BackgroundTasks tasks, TextClipboard clipboard) {
        this.api = api;
        this.identities = identities;
        this.store = store;
        this.serverUrl = serverUrl;
        this.clock = clock;
        this.tasks = tasks;
        this.clipboard = clipboard;
        tasks.runQuietly(store::snapshot, saved -> {
            history.addAll(saved.entries().stream().filter(entry -> !history.contains(entry)).toList());
            if (saved.problem() != null) {
                explanation.set(saved.problem());
            }
        }, reason -> explanation.set("The console history cannot be read: " + reason));
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

    /** The origin the last request went to without the identity's credentials (not its server), or empty. */
    public ReadOnlyStringProperty withheldOriginProperty() {
        return withheldOrigin.getReadOnlyProperty();
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

    /** The whole answer as it came over the wire: status line, headers, blank line, body. */
    public ReadOnlyStringProperty responseRawProperty() {
        return responseRaw.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public ObservableList<RequestHistory.Entry> history() {
        return history;
    }

    private ConsoleRequest current() {
        return new ConsoleRequest(method.get(), path.get(), headers.get(), body.get());
    }

    /**
     * Sends the request; invalid input is explained instead. The identity's credentials (and cookies) go only to
     * its own server's origin and the origins allowed for it; to any other, the request goes without them, and says
     * so.
     */
    public void send() {
        if (tasks.isBusy()) {
            return;
        }
        ConsoleRequest request = current();
        Identity identity = sendAs.get();
        String who = identity == null ? "anonymous" : identity.label();
        switch (request.build(serverUrl.get())) {
            case ConsoleRequest.Built.Invalid(String reason) -> {
                outcome.set(Outcome.NONE);
                explanation.set(reason);
            }
            case ConsoleRequest.Built.Ready ready -> {
                boolean trusted = identity == null || identity.sendsTo(ready.request().url());
                ApiRequest authorized = identity == null ? ready.request() : identity.authorize(ready.request());
                ApiClient client = trusted && identity != null && identity.cookies() != null
                        ? api.withCookies(identity.cookies()) : api;
                status.set("Sending as " + who + "…");
                withheldOrigin.set(trusted ? "" : Origins.of(ready.request().url()));
                String note = request.bodyIsJson() ? "" : "Note: the body is not valid JSON; sent as typed";
                if (!trusted) {
                    note = (note.isEmpty() ? "" : note + "\n") + "Sent without " + identity.label() + "'s credentials: "
                            + Origins.of(ready.request().url()) + " is not its server (" + identity.origin()
                            + "). Allow this origin for it only if you trust it with them.";
                }
                explanation.set(note);
                String recordedAs = trusted ? who : who + ", credentials withheld";
                Redaction.Known known = knownSecrets(identity);
                tasks.run(() -> client.send(authorized), result -> {
                    show(result, recordedAs);
                    remember(request.redacted(known), recordedAs, result);
                }, reason -> show(new ApiResult.Failure(reason, java.time.Duration.ZERO), recordedAs));
            }
        }
    }

    /** Lets the chosen identity send its credentials to the origin the last request was refused them for. */
    public void allowWithheldOrigin() {
        Identity identity = sendAs.get();
        String origin = withheldOrigin.get();
        if (identity == null || origin.isEmpty()) {
            return;
        }
        Identity allowed = identity.allowingOriginOf(origin);
        for (int i = 0; i < identities.size(); i++) {
            if (identities.get(i).id().equals(identity.id())) {
                identities.set(i, allowed);
            }
        }
        sendAs.set(allowed);
        withheldOrigin.set("");
        explanation.set(identity.label() + "'s credentials may now go to " + origin + " as well; send again");
    }

    /** The secrets in play that history must not keep: the identity's key, password or tokens. */
    private static Redaction.Known knownSecrets(Identity identity) {
        Redaction.Known known = new Redaction.Known();
        if (identity != null) {
            switch (identity.access()) {
                case Access.ApiKey key -> known.add(key.value());
                case Access.Basic basic -> known.add(basic.password());
                case Access.Client client -> known.add(client.clientSecret());
                case Access.Token token -> {
                }
                case Access.Session session -> known.add(session.csrfToken());
            }
            identity.currentTokens().ifPresent(tokens -> {
                known.add(tokens.accessToken());
                known.add(tokens.refreshToken());
            });
        }
        return known;
    }

    /** Puts the request on the clipboard as a curl command. */
    public void copyCurl() {
        clipboard.copy(curl());
        explanation.set("Copied as curl, with the identity's credentials: keep it to yourself");
    }

    /** The request as a curl command, or the reason it cannot be built. */
    public String curl() {
        Identity identity = sendAs.get();
        return switch (current().build(serverUrl.get())) {
            case ConsoleRequest.Built.Ready(var request) -> CurlCommand.of(identity == null ? request
                    : identity.authorize(request));
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

    private void show(ApiResult result, String who) {
        switch (result) {
            case ApiResult.Response r -> {
                outcome.set(r.status() >= 500 ? Outcome.SERVER_ERROR : r.status() >= 400 ? Outcome.CLIENT_ERROR
                        : r.status() >= 300 ? Outcome.REDIRECT : Outcome.SUCCESS);
                status.set(r.status() + "  ·  " + r.elapsed().toMillis() + " ms  ·  "
                        + size(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + "  ·  as " + who);
                String headerLines = r.headers().stream().map(h -> h.name() + ": " + h.value())
                        .collect(Collectors.joining("\n"));
                responseHeaders.set(headerLines);
                responseBody.set(ConsoleRequest.prettyJson(r.body()));
                responseRaw.set("HTTP " + r.status() + "\n" + headerLines + "\n\n" + r.body());
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
                status.set("No answer  ·  " + f.elapsed().toMillis() + " ms  ·  as " + who);
                responseHeaders.set("");
                responseBody.set("");
                responseRaw.set("");
                explanation.set(f.reason());
            }
        }
    }

    /** A body size as people read it: 312 B, 4.1 kB, 2.3 MB. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        return bytes < 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1000.0)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private void remember(ConsoleRequest request, String who, ApiResult result) {
        int code = result instanceof ApiResult.Response r ? r.status() : 0;
        RequestHistory.Entry entry = new RequestHistory.Entry(request, who, code, clock.instant());
        tasks.runQuietly(() -> {
            try {
                store.add(entry);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, saved -> { }, reason -> explanation.set("The history could not be saved: " + reason));
        history.addFirst(entry);
        while (history.size() > RequestHistory.LIMIT) {
            history.removeLast();
        }
    }

}
