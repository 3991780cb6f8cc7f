package io.tokenworkbench.client.inspector.ui;

import io.tokenworkbench.client.inspector.ClaimRow;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.DecodedToken;
import io.tokenworkbench.client.inspector.Durations;
import io.tokenworkbench.client.inspector.Finding;
import io.tokenworkbench.client.inspector.SignatureStatus;
import io.tokenworkbench.client.inspector.SignatureVerifier;
import io.tokenworkbench.client.inspector.TokenDecoder;
import io.tokenworkbench.client.inspector.TokenComparison;
import io.tokenworkbench.client.inspector.TokenLinter;
import io.tokenworkbench.client.inspector.VerificationKeys;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token inspector's state. Inputs: the pasted token, the server URL. Everything else is computed: decoding,
 * lints and the signature check run on the background executor and are applied on the UI executor; a newer input
 * supersedes results of an older one still in flight.
 */
public final class InspectorViewModel {

    /** How the signature check came out, for colouring. */
    public enum SignatureState { NONE, CHECKING, VERIFIED, INVALID, UNSIGNED, NO_KEY }

    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final StringProperty verificationKey = new SimpleStringProperty(this, "verificationKey", "");
    private final StringProperty compareInput = new SimpleStringProperty(this, "compareInput", "");
    private final ObservableList<TokenComparison.Row> comparison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper comparisonText = new ReadOnlyStringWrapper("");
    private final StringProperty serverUrl;
    private final ObjectProperty<Instant> now;
    private final ReadOnlyStringWrapper headerJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper payloadJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper signatureText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SignatureState> signatureState = new ReadOnlyObjectWrapper<>(SignatureState.NONE);
    private final ReadOnlyDoubleWrapper expiryFraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper expiryText = new ReadOnlyStringWrapper("");
    private final ObservableList<ClaimRow> claims = FXCollections.observableArrayList();
    private final javafx.beans.property.BooleanProperty onlyDifferences =
            new javafx.beans.property.SimpleBooleanProperty(this, "onlyDifferences", false);
    private final javafx.collections.transformation.FilteredList<TokenComparison.Row> shownComparison;
    private final ReadOnlyObjectWrapper<List<String>> parts = new ReadOnlyObjectWrapper<>(this, "parts", List.of());
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DecodedToken> token = new ReadOnlyObjectWrapper<>();

    private final ServerProbe probe;
    private final TokenLinter linter;
    private final BackgroundTasks tasks;
    private final AtomicLong generation = new AtomicLong();

    public InspectorViewModel(ServerProbe probe, TokenLinter linter, Clock clock, StringProperty serverUrl,
                              BackgroundTasks tasks) {
        this.probe = probe;
        this.linter = linter;
        this.serverUrl = serverUrl;
        this.tasks = tasks;
        this.now = new SimpleObjectProperty<>(clock.instant());
        shownComparison = new javafx.collections.transformation.FilteredList<>(comparison);
        shownComparison.predicateProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> onlyDifferences.get() ? row -> row.difference() != TokenComparison.Difference.SAME : row -> true,
                onlyDifferences));
        input.addListener((obs, old, text) -> inspect());
        verificationKey.addListener((obs, old, text) -> inspect());
        input.addListener((obs, old, text) -> compare());
        compareInput.addListener((obs, old, text) -> compare());
        now.addListener((obs, old, instant) -> refreshTimes());
    }

    // ---- inputs

    public StringProperty inputProperty() {
        return input;
    }

    /**
     * A key to verify with instead of the server's JWKS: an HS secret, a PEM public key, a JWK or a JWKS. Blank
     * means the server's JWKS.
     */
    public StringProperty verificationKeyProperty() {
        return verificationKey;
    }

    /** A second token to compare the first with, claim by claim. */
    public StringProperty compareInputProperty() {
        return compareInput;
    }

    /** The comparison's rows, all of them or only the differences. */
    public ObservableList<TokenComparison.Row> comparison() {
        return shownComparison;
    }

    public javafx.beans.property.BooleanProperty onlyDifferencesProperty() {
        return onlyDifferences;
    }

    /** The token's three parts as pasted (header, payload, signature), for showing each in its colour; else empty. */
    public ReadOnlyObjectProperty<List<String>> partsProperty() {
        return parts.getReadOnlyProperty();
    }

    /** "3 differences", or why the comparison cannot be made. */
    public ReadOnlyStringProperty comparisonTextProperty() {
        return comparisonText.getReadOnlyProperty();
    }

    /** The current time, ticked by the shell once a second; countdowns follow it. */
    public ObjectProperty<Instant> nowProperty() {
        return now;
    }

    // ---- computed state

    public ReadOnlyStringProperty headerJsonProperty() {
        return headerJson.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty payloadJsonProperty() {
        return payloadJson.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty signatureTextProperty() {
        return signatureText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SignatureState> signatureStateProperty() {
        return signatureState.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty expiryFractionProperty() {
        return expiryFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expiryTextProperty() {
        return expiryText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public ObservableList<ClaimRow> claims() {
        return claims;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    // ---- commands

    /** Decodes, lints and verifies the current input against the server's JWKS. */
    public void inspect() {
        long run = generation.incrementAndGet();
        String text = input.get();
        String server = serverUrl.get();
        String key = verificationKey.get();
        signatureState.set(SignatureState.CHECKING);
        signatureText.set("Checking…");
        tasks.run(() -> analyse(text, server, key), analysis -> {
            if (run == generation.get()) {
                apply(analysis);
            }
        }, reason -> {
            if (run == generation.get()) {
                clear();
                error.set("Inspection failed: " + reason);
            }
        });
    }

    private record Analysis(DecodeResult decoded, List<Finding> findings, SignatureStatus signature) {
    }

    private Analysis analyse(String text, String server, String key) {
        DecodeResult decoded = TokenDecoder.decode(text);
        if (!(decoded instanceof DecodeResult.Decoded(DecodedToken decodedToken))) {
            return new Analysis(decoded, List.of(), null);
        }
        List<Finding> lint = new java.util.ArrayList<>(linter.lint(decodedToken));
        issuerNote(decodedToken, server).ifPresent(lint::add);
        if (key != null && !key.isBlank()) {
            return new Analysis(decoded, lint, withPastedKey(decodedToken, key.strip()));
        }
        SignatureStatus signature;
        try {
            signature = SignatureVerifier.withKeys(decodedToken, probe.jwks(server), "the server's JWKS");
        } catch (IllegalStateException | IllegalArgumentException e) {
            signature = decodedToken.isUnsecured() ? new SignatureStatus.Unsigned()
                    : new SignatureStatus.NoKey("cannot load the server's JWKS: " + e.getMessage());
        }
        if (!(signature instanceof SignatureStatus.Verified) && decodedToken.algorithm().startsWith("HS")) {
            // The linter already knows the secret when it is a guessable one: say what that means for the signature.
            var weak = linter.weakSecret(decodedToken);
            if (weak.isPresent()) {
                signature = new SignatureStatus.Verified("the guessable secret the lint found (“" + weak.get() + "”)");
            }
        }
        return new Analysis(decoded, lint, signature);
    }

    /** A note when the token names an issuer other than the server the workbench is connected to. */
    private static java.util.Optional<Finding> issuerNote(DecodedToken token, String server) {
        return token.claim("iss").filter(iss -> !server.isBlank())
                .filter(iss -> !io.tokenworkbench.client.http.Origins.of(iss)
                        .equals(io.tokenworkbench.client.http.Origins.of(server)))
                .map(iss -> new Finding(Finding.Severity.INFO, "other-issuer", "Issued by " + iss
                        + ", not by the server the workbench is connected to (" + server + "): its JWKS may not "
                        + "hold the signing key"));
    }

    private static SignatureStatus withPastedKey(DecodedToken token, String key) {
        boolean looksLikeKey = key.startsWith("{") || key.startsWith("-----BEGIN");
        if (!looksLikeKey) {
            return SignatureVerifier.withSecret(token, key);
        }
        try {
            return SignatureVerifier.withKeys(token, VerificationKeys.parse(key), "the pasted key");
        } catch (IllegalArgumentException e) {
            return new SignatureStatus.NoKey("the pasted key cannot be used: " + e.getMessage());
        }
    }

    /** Compares the inspected token with the second one; decoding is cheap, but stays off the UI thread. */
    private void compare() {
        String left = input.get();
        String right = compareInput.get();
        if (right == null || right.isBlank()) {
            comparison.clear();
            comparisonText.set("");
            return;
        }
        tasks.runQuietly(() -> {
            DecodeResult l = TokenDecoder.decode(left);
            DecodeResult r = TokenDecoder.decode(right);
            if (!(l instanceof DecodeResult.Decoded(DecodedToken leftToken))) {
                return new Compared(List.of(), "Decode the first token to compare");
            }
            if (!(r instanceof DecodeResult.Decoded(DecodedToken rightToken))) {
                return new Compared(List.of(), "The second token cannot be decoded: "
                        + ((DecodeResult.Failed) r).segment().name().toLowerCase() + ": " + ((DecodeResult.Failed) r).reason());
            }
            List<TokenComparison.Row> rows = TokenComparison.compare(leftToken, rightToken);
            long differences = TokenComparison.differences(rows);
            return new Compared(rows, differences == 0 ? "The tokens carry the same header and claims"
                    : differences + (differences == 1 ? " difference" : " differences"));
        }, compared -> {
            if (right.equals(compareInput.get()) && left.equals(input.get())) {
                comparison.setAll(compared.rows());
                comparisonText.set(compared.text());
            }
        }, reason -> {
            comparison.clear();
            comparisonText.set("Comparison failed: " + reason);
        });
    }

    private record Compared(List<TokenComparison.Row> rows, String text) {
    }

    private void apply(Analysis analysis) {
        switch (analysis.decoded()) {
            case DecodeResult.Failed(DecodeResult.Segment segment, String reason) -> {
                clear();
                if (input.get().isBlank()) {
                    error.set("");
                    return;
                }
                error.set(segment.name().toLowerCase() + ": " + reason);
                TokenDecoder.Partial partial = TokenDecoder.partial(input.get());
                partial.header().ifPresent(header -> headerJson.set(pretty(header)));
                partial.payload().ifPresent(payload -> payloadJson.set(pretty(payload)));
                findings.setAll(new Finding(Finding.Severity.CRITICAL, "malformed", "Not a well-formed JWT ("
                        + segment.name().toLowerCase() + "): " + reason + (partial.header().isPresent()
                        ? "; the header still decodes (see its tab)" : "")));
            }
            case DecodeResult.Decoded(DecodedToken decoded) -> {
                token.set(decoded);
                error.set("");
                parts.set(List.of(decoded.compact().split("\\.", -1)));
                headerJson.set(decoded.prettyHeader());
                payloadJson.set(decoded.prettyPayload());
                findings.setAll(analysis.findings());
                showSignature(decoded.algorithm(), analysis.signature());
                refreshTimes();
            }
        }
    }

    private static String pretty(com.fasterxml.jackson.databind.JsonNode json) {
        try {
            return io.tokenworkbench.model.json.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json.toString();
        }
    }

    private void showSignature(String algorithm, SignatureStatus status) {
        switch (status) {
            case SignatureStatus.Verified(String source) -> {
                signatureState.set(SignatureState.VERIFIED);
                signatureText.set("Signature verified (" + algorithm + ") with " + source);
            }
            case SignatureStatus.Invalid(String reason) -> {
                signatureState.set(SignatureState.INVALID);
                signatureText.set("Signature invalid (" + algorithm + "): " + reason);
            }
            case SignatureStatus.Unsigned() -> {
                signatureState.set(SignatureState.UNSIGNED);
                signatureText.set("Unsigned (alg: none): anyone can forge this token");
            }
            case SignatureStatus.NoKey(String reason) -> {
                signatureState.set(SignatureState.NO_KEY);
                signatureText.set("Not verified: " + reason + " (" + algorithm + ")");
            }
        }
    }

    private void refreshTimes() {
        DecodedToken decoded = token.get();
        if (decoded == null) {
            return;
        }
        Instant instant = now.get();
        claims.setAll(ClaimRow.of(decoded.payload(), instant, ZoneId.systemDefault()));
        expiryFraction.set(ClaimRow.elapsedFraction(decoded, instant));
        expiryText.set(decoded.numericDate("exp")
                .map(exp -> Instant.ofEpochSecond(exp).isAfter(instant)
                        ? "Expires in " + Durations.relative(java.time.Duration.between(instant, Instant.ofEpochSecond(exp)))
                        : "Expired " + Durations.relative(java.time.Duration.between(Instant.ofEpochSecond(exp), instant)) + " ago")
                .orElse("Never expires (no exp)"));
    }

    private void clear() {
        token.set(null);
        parts.set(List.of());
        headerJson.set("");
        payloadJson.set("");
        claims.clear();
        findings.clear();
        signatureState.set(SignatureState.NONE);
        signatureText.set("");
        expiryFraction.set(-1);
        expiryText.set("");
    }
}
