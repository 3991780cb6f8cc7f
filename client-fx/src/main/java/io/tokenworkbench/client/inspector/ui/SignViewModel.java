package io.tokenworkbench.client.inspector.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.Recipe;
import io.tokenworkbench.client.forge.SigningKey;
import io.tokenworkbench.client.forge.TokenForge;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.Finding;
import io.tokenworkbench.client.inspector.TokenDecoder;
import io.tokenworkbench.client.inspector.TokenLinter;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.TextClipboard;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inspector's Sign tab: write a header and payload as JSON (linted as they are written), choose what signs them
 * (a pasted secret, PEM or JWK, a generated key pair, or an attack recipe), sign, then copy the token or add it as an
 * identity. Signing and lints run on the background executor.
 */
public final class SignViewModel {

    /** What signs the token, as the tab offers it. */
    public enum KeySource {
        SECRET("HMAC secret"), PEM("PEM private key"), JWK("Private JWK"), GENERATED_RSA("New RSA key pair"),
        GENERATED_EC("New EC P-256 key pair"), RECIPE("Attack recipe");

        private final String label;

        KeySource(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringProperty header = new SimpleStringProperty(this, "header", "");
    private final StringProperty payload = new SimpleStringProperty(this, "payload", "");
    private final ObjectProperty<KeySource> keySource = new SimpleObjectProperty<>(this, "keySource", KeySource.SECRET);
    private final StringProperty keyText = new SimpleStringProperty(this, "keyText", "");
    private final StringProperty algorithm = new SimpleStringProperty(this, "algorithm", "");
    private final ObjectProperty<Recipe> recipe = new SimpleObjectProperty<>(this, "recipe", Recipe.NONE_VARIANTS);
    private final StringProperty jkuUrl = new SimpleStringProperty(this, "jkuUrl", "http://127.0.0.1:8000/jwks.json");
    private final ObservableList<Forgery.Forged> results = FXCollections.observableArrayList();
    private final ObservableList<Finding> lints = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper publicKey = new ReadOnlyStringWrapper(this, "publicKey", "");

    private final TokenForge forge;
    private final TokenLinter linter;
    private final ServerProbe probe;
    private final IdentityService identityService;
    private final ObservableList<Identity> identities;
    private final StringProperty serverUrl;
    private final BackgroundTasks tasks;
    private final TextClipboard clipboard;
    private final AtomicLong lintGeneration = new AtomicLong();
    private SigningKey.Private generated;

    public SignViewModel(TokenForge forge, TokenLinter linter, ServerProbe probe, IdentityService identityService,
                         ObservableList<Identity> identities, StringProperty serverUrl, Clock clock,
                         BackgroundTasks tasks, TextClipboard clipboard) {
        this.forge = forge;
        this.linter = linter;
        this.probe = probe;
        this.identityService = identityService;
        this.identities = identities;
        this.serverUrl = serverUrl;
        this.tasks = tasks;
        this.clipboard = clipboard;
        long now = clock.instant().getEpochSecond();
        header.set("{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}");
        payload.set("{\n  \"sub\": \"alice\",\n  \"scope\": \"read\",\n  \"iat\": " + now + ",\n  \"exp\": "
                + (now + 900) + "\n}");
        header.addListener((obs, old, text) -> lint());
        payload.addListener((obs, old, text) -> lint());
        keySource.addListener((obs, old, source) -> {
            generated = null;
            publicKey.set("");
        });
        lint();
    }

    // ---- inputs and state

    public StringProperty headerProperty() {
        return header;
    }

    public StringProperty payloadProperty() {
        return payload;
    }

    public ObjectProperty<KeySource> keySourceProperty() {
        return keySource;
    }

    /** The pasted secret, PEM or JWK. */
    public StringProperty keyTextProperty() {
        return keyText;
    }

    /** The JWS algorithm; blank: the header's when the key can sign it, else the key's own. */
    public StringProperty algorithmProperty() {
        return algorithm;
    }

    public ObjectProperty<Recipe> recipeProperty() {
        return recipe;
    }

    public StringProperty jkuUrlProperty() {
        return jkuUrl;
    }

    /** The tokens the last Sign made (several for recipes that try several). */
    public ObservableList<Forgery.Forged> results() {
        return results;
    }

    /** Findings on the token as written, most serious first. */
    public ObservableList<Finding> lints() {
        return lints;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The public half of a generated key pair, as a JWK to give the server. */
    public ReadOnlyStringProperty publicKeyProperty() {
        return publicKey.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    // ---- commands

    /** Fills header and payload from a token, e.g. the one being inspected. */
    public void startFrom(String token) {
        if (TokenDecoder.decode(token) instanceof DecodeResult.Decoded(var decoded)) {
            header.set(pretty(decoded.header()));
            payload.set(pretty(decoded.payload()));
            message.set("Header and payload copied from the inspected token");
        } else {
            message.set("There is no token to start from: paste one on the inspector first");
        }
    }

    /** Signs the draft with the chosen key or recipe. */
    public void sign() {
        if (tasks.isBusy()) {
            return;
        }
        TokenForge.Draft draft;
        try {
            draft = TokenForge.Draft.parse(header.get(), payload.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        KeySource source = keySource.get();
        String text = keyText.get();
        String alg = algorithm.get();
        Recipe chosen = recipe.get();
        String url = jkuUrl.get();
        String server = serverUrl.get();
        message.set(source == KeySource.GENERATED_RSA ? "Generating an RSA key pair and signing…" : "Signing…");
        tasks.run(() -> {
            TokenForge.KeyChoice key = switch (source) {
                case SECRET -> new TokenForge.KeyChoice.Pasted(SigningKey.Format.SECRET, text);
                case PEM -> new TokenForge.KeyChoice.Pasted(SigningKey.Format.PEM, text);
                case JWK -> new TokenForge.KeyChoice.Pasted(SigningKey.Format.JWK, text);
                case GENERATED_RSA, GENERATED_EC -> new TokenForge.KeyChoice.Generated(generatedKey(source));
                case RECIPE -> new TokenForge.KeyChoice.Attack(chosen, url);
            };
            return forge.sign(draft, key, alg, () -> probe.jwks(server));
        }, tokens -> {
            results.setAll(tokens);
            if (generated != null) {
                publicKey.set(generated.publicJwk().toJSONString());
            }
            message.set(tokens.size() == 1 ? "Signed: " + tokens.getFirst().label()
                    : tokens.size() + " tokens made: " + tokens.getFirst().label().replaceFirst(":.*", "") + ", one per "
                    + "attempt; copy one or add it as an identity");
        }, reason -> {
            results.clear();
            message.set("Cannot sign: " + reason);
        });
    }

    /** Puts a token made here on the clipboard. */
    public void copy(Forgery.Forged forged) {
        if (forged != null) {
            clipboard.copy(forged.token());
            message.set("Copied " + forged.label());
        }
    }

    /** Adds a token made here as an identity of the current server (a raw token: it cannot be refreshed). */
    public void addAsIdentity(Forgery.Forged forged) {
        if (forged == null) {
            return;
        }
        Instant expires = TokenDecoder.decode(forged.token()) instanceof DecodeResult.Decoded(var token)
                ? token.numericDate("exp").map(Instant::ofEpochSecond).orElse(null) : null;
        Identity identity = identityService.rawToken(serverUrl.get(), "forged: " + forged.label(), forged.token(),
                expires);
        identities.add(identity);
        message.set("Added \"" + identity.label() + "\" to the identities; send as it from the console");
    }

    // ----

    private synchronized SigningKey.Private generatedKey(KeySource source) {
        if (generated == null) {
            generated = source == KeySource.GENERATED_RSA ? TokenForge.generateRsa() : TokenForge.generateEc();
        }
        return generated;
    }

    private void lint() {
        long generation = lintGeneration.incrementAndGet();
        String headerText = header.get();
        String payloadText = payload.get();
        tasks.runQuietly(() -> {
            try {
                TokenForge.Draft draft = TokenForge.Draft.parse(headerText, payloadText);
                String preview = TokenForge.unsigned(draft) + "cHJldmlldw";
                return TokenDecoder.decode(preview) instanceof DecodeResult.Decoded(var token)
                        ? linter.lint(token).stream().filter(f -> !f.code().equals("alg-none")
                        || "none".equalsIgnoreCase(draft.header().path("alg").asText())).toList()
                        : List.<Finding>of();
            } catch (IllegalArgumentException e) {
                return List.of(new Finding(Finding.Severity.CRITICAL, "not-json", e.getMessage()));
            }
        }, found -> {
            if (generation == lintGeneration.get()) {
                lints.setAll(found);
            }
        }, reason -> { });
    }

    private static String pretty(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return node.toString();
        }
    }
}
