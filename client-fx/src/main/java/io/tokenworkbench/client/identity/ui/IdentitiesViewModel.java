package io.tokenworkbench.client.identity.ui;

import io.tokenworkbench.client.identity.DemoIdentities;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.identity.IdentitySummary;
import io.tokenworkbench.client.identity.RefreshPolicy;
import io.tokenworkbench.client.identity.RememberedLogins;
import io.tokenworkbench.client.identity.TokenSet;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.TokenDecoder;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The identities page: obtain an identity any way an API offers (the OAuth2 password or client credentials grant at
 * its token endpoint, a login of its own, a cookie session, an API key, HTTP Basic, a pasted token), add the demo
 * identities, switch the active one, refresh by hand or automatically shortly before expiry, log out, remember
 * refresh tokens. Network work runs on the background executor; results land on the UI executor.
 */
public final class IdentitiesViewModel {

    /** The ways to obtain an identity, as the page offers them. */
    public enum Kind {
        PASSWORD("OAuth2 password grant"), CLIENT("OAuth2 client credentials"), CUSTOM("Login of the API's own"),
        SESSION("Cookie session"), API_KEY("API key"), BASIC("HTTP Basic"), TOKEN("Raw token"),
        BROWSER("Browser login (code + PKCE)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The body a custom login starts with: the commonest JSON login. */
    public static final String DEFAULT_LOGIN_BODY = "{\"username\": \"${username}\", \"password\": \"${password}\"}";

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.PASSWORD);
    private final StringProperty tokenEndpoint = new SimpleStringProperty(this, "tokenEndpoint", "");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty scope = new SimpleStringProperty(this, "scope", "");
    private final StringProperty clientId = new SimpleStringProperty(this, "clientId", "");
    private final StringProperty authorizationEndpoint = new SimpleStringProperty(this, "authorizationEndpoint", "");
    /** Opens the system browser; none until the app gives one (tests give a stand-in). */
    private IdentityService.Browser browser = url -> {
        throw new IllegalStateException("no browser is available here");
    };
    private final BooleanProperty secretInForm = new SimpleBooleanProperty(this, "secretInForm", false);
    private final StringProperty loginMethod = new SimpleStringProperty(this, "loginMethod", "POST");
    private static final String DEFAULT_LOGIN_PATH = "/auth/login";
    private static final String OUR_SESSION_PATH = "/v1/auth/session";
    private final StringProperty loginPath = new SimpleStringProperty(this, "loginPath", DEFAULT_LOGIN_PATH);
    private final StringProperty loginBody = new SimpleStringProperty(this, "loginBody", DEFAULT_LOGIN_BODY);
    private final StringProperty tokenAt = new SimpleStringProperty(this, "tokenAt", "/access_token");
    /** Where a cookie session's CSRF token is (blank: the API wants none), and the header it goes back in. */
    private final StringProperty csrfAt = new SimpleStringProperty(this, "csrfAt", "");
    private final StringProperty csrfHeader = new SimpleStringProperty(this, "csrfHeader", "X-CSRF-Token");
    private final BooleanProperty keyInQuery = new SimpleBooleanProperty(this, "keyInQuery", false);
    private final StringProperty keyName = new SimpleStringProperty(this, "keyName", "X-API-Key");
    private final StringProperty rawToken = new SimpleStringProperty(this, "rawToken", "");
    private final BooleanProperty demoAvailable = new SimpleBooleanProperty(this, "demoAvailable", true);
    private final BooleanProperty autoRefresh = new SimpleBooleanProperty(this, "autoRefresh", true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyObjectWrapper<Instant> now =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "now");
    private Instant messageAt;
    private final BooleanBinding canLogin;

    private final ObservableList<Identity> identities;
    private final ObjectProperty<Identity> active;
    private final StringProperty serverUrl;
    private final IdentityService service;
    private final RememberedLogins remembered;
    private final Clock clock;
    private final BackgroundTasks tasks;
    private final Set<String> refreshing = new HashSet<>();
    /** The identities whose login is remembered, by id, with the server it is remembered for. */
    private final ObservableMap<String, String> rememberedOn = FXCollections.observableHashMap();

    /** A message older than this is cleared: what it said is no longer news. */
    static final java.time.Duration MESSAGE_LIFETIME = java.time.Duration.ofSeconds(30);

    public IdentitiesViewModel(ObservableList<Identity> identities, ObjectProperty<Identity> active,
                               StringProperty serverUrl, IdentityService service, RememberedLogins remembered,
                               Clock clock, BackgroundTasks tasks) {
        this.identities = identities;
        this.active = active;
        this.serverUrl = serverUrl;
        this.service = service;
        this.remembered = remembered;
        this.clock = clock;
        this.tasks = tasks;
        this.now.set(clock.instant());
        canLogin = Bindings.createBooleanBinding(this::complete, tasks.busyProperty(), kind, username, password,
                clientId, loginPath, keyName, rawToken);
        kind.addListener((obs, old, chosen) -> {
            // Our backend's session login, when the server is ours and the path is still the generic default.
            if (chosen == Kind.SESSION && demoAvailable.get() && loginPath.get().equals(DEFAULT_LOGIN_PATH)) {
                loginPath.set(OUR_SESSION_PATH);
            }
        });
    }

    private boolean complete() {
        if (tasks.isBusy()) {
            return false;
        }
        return switch (kind.get()) {
            case PASSWORD, BASIC -> !username.get().isBlank() && !password.get().isEmpty();
            case CLIENT -> !clientId.get().isBlank() && !password.get().isEmpty();
            case CUSTOM, SESSION -> !loginPath.get().isBlank() && !password.get().isEmpty();
            case API_KEY -> !keyName.get().isBlank() && !password.get().isEmpty();
            case TOKEN -> !rawToken.get().isBlank();
            case BROWSER -> true;
        };
    }

    /** The client a browser login asks for when the form names none: the workbench's, which our backend knows. */
    public static final String DEFAULT_CLIENT_ID = "token-workbench";
    /** How long a browser login waits for the user to finish in the browser. */
    static final java.time.Duration BROWSER_TIMEOUT = java.time.Duration.ofMinutes(3);

    /** The authorization endpoint of a browser login; blank: the server's metadata says. */
    public StringProperty authorizationEndpointProperty() {
        return authorizationEndpoint;
    }

    /** What opens the system browser for a browser login. */
    public void setBrowser(IdentityService.Browser browser) {
        this.browser = browser;
    }

    // ---- inputs and state

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The token endpoint for the OAuth2 kinds: path or URL; blank uses the server's own. */
    public StringProperty tokenEndpointProperty() {
        return tokenEndpoint;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public BooleanProperty secretInFormProperty() {
        return secretInForm;
    }

    public StringProperty loginMethodProperty() {
        return loginMethod;
    }

    public StringProperty loginPathProperty() {
        return loginPath;
    }

    public StringProperty loginBodyProperty() {
        return loginBody;
    }

    public StringProperty tokenAtProperty() {
        return tokenAt;
    }

    public StringProperty csrfAtProperty() {
        return csrfAt;
    }

    public StringProperty csrfHeaderProperty() {
        return csrfHeader;
    }

    public BooleanProperty keyInQueryProperty() {
        return keyInQuery;
    }

    public StringProperty keyNameProperty() {
        return keyName;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    public StringProperty rawTokenProperty() {
        return rawToken;
    }

    public BooleanProperty autoRefreshProperty() {
        return autoRefresh;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** The time countdowns are shown against; it follows {@link #tick}. */
    public javafx.beans.property.ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** What the list says of an identity besides its name. */
    public IdentitySummary summaryOf(Identity identity) {
        return IdentitySummary.of(identity, now.get());
    }

    /** Whether this identity is the one requests go out as. */
    public boolean isActive(Identity identity) {
        return identity != null && active.get() != null && active.get().id().equals(identity.id());
    }

    private void say(String text) {
        message.set(text);
        messageAt = clock.instant();
    }

    public BooleanBinding canLoginProperty() {
        return canLogin;
    }

    public ObservableList<Identity> identities() {
        return identities;
    }

    public ObjectProperty<Identity> activeProperty() {
        return active;
    }

    // ---- commands

    /**
     * Obtains an identity the way {@link #kindProperty()} says, from the form; the password (or secret, or key)
     * field is cleared either way.
     */
    public void login() {
        if (!canLogin.get()) {
            return;
        }
        String server = serverUrl.get();
        String user = username.get().strip();
        String secret = password.get();
        String wanted = scope.get();
        String endpoint = tokenEndpoint.get();
        password.set("");
        say("");
        switch (kind.get()) {
            case PASSWORD -> run(() -> service.login(server, endpoint, user, secret, wanted), true);
            case CLIENT -> {
                String id = clientId.get().strip();
                boolean inForm = secretInForm.get();
                run(() -> service.clientCredentials(server, endpoint, id, secret, wanted, inForm), true);
            }
            case CUSTOM, SESSION -> {
                boolean session = kind.get() == Kind.SESSION;
                IdentityService.CustomLogin login = new IdentityService.CustomLogin(loginMethod.get(),
                        loginPath.get().strip(), loginBody.get(), session ? "" : tokenAt.get(), session,
                        session ? csrfAt.get() : null, session ? csrfHeader.get() : null);
                run(() -> service.customLogin(server, login, user, secret), true);
            }
            case API_KEY -> added(service.apiKey(server, keyName.get().strip() + " key", keyInQuery.get(),
                    keyName.get().strip(), secret));
            case BASIC -> added(service.basic(server, user, secret));
            case TOKEN -> useRawToken();
            case BROWSER -> {
                String client = clientId.get().isBlank() ? DEFAULT_CLIENT_ID : clientId.get().strip();
                String authorize = authorizationEndpoint.get();
                IdentityService.Browser system = browser;
                IdentityService.Browser opener = url -> {
                    // a machine may have no browser to open, and say nothing: the link lets the user go there
                    tasks.onUi(() -> say("Sign in in your browser; the workbench waits for it to come back (up to "
                            + BROWSER_TIMEOUT.toMinutes() + " minutes). No browser opened? Open " + url));
                    system.open(url);
                };
                run(() -> service.browserLogin(server, authorize, endpoint, client, wanted, opener, BROWSER_TIMEOUT),
                        true);
            }
        }
    }

    /**
     * Puts the token endpoint the server publishes in its metadata into the form, unless one was typed already; a
     * server without metadata leaves the field for the user (blank logs in at our contract's).
     */
    public void suggestTokenEndpoint() {
        String server = serverUrl.get();
        tasks.runQuietly(() -> service.publishedTokenEndpoint(server), endpoint -> {
            if (endpoint.isPresent() && tokenEndpoint.get().isBlank()) {
                tokenEndpoint.set(endpoint.get());
            }
        }, reason -> { });
    }

    /** Whether the demo identities can be had: the server is our backend. */
    public BooleanProperty demoAvailableProperty() {
        return demoAvailable;
    }

    private void added(Identity identity) {
        identities.add(identity);
        active.set(identity);
        say("Added " + identity.label() + "; its credentials go to " + identity.origin() + " only");
    }

    /** Logs in every demo identity of the contract (dev-mode servers). */
    public void addDemoIdentities() {
        if (tasks.isBusy()) {
            return;
        }
        String server = serverUrl.get();
        say("Logging in the demo identities…");
        tasks.run(() -> DemoIdentities.ALL.stream()
                .map(login -> service.login(server, login.username(), login.password(), null)).toList(), outcomes -> {
                    outcomes.forEach(outcome -> apply(outcome, active.get() == null));
                    long ok = outcomes.stream().filter(o -> o instanceof IdentityService.Outcome.Success).count();
                    String failures = String.join("; ", outcomes.stream().map(IdentitiesViewModel::failure)
                            .filter(reason -> !reason.isEmpty()).toList());
                    say(ok == outcomes.size() ? "Added the " + ok + " demo identities"
                            : "Added " + ok + " of " + outcomes.size() + " demo identities. " + failures);
                }, reason -> say("Demo login failed: " + reason));
    }

    private static String failure(IdentityService.Outcome outcome) {
        return switch (outcome) {
            case IdentityService.Outcome.Success success -> "";
            case IdentityService.Outcome.Refused(int status, String reason, Identity identity) ->
                    identity.label() + ": refused" + (status > 0 ? " (" + status + ")" : "") + ": " + reason;
            case IdentityService.Outcome.Failed(String reason, Identity identity) ->
                    identity.label() + ": " + reason;
        };
    }

    /** Adds the pasted token as an identity (it cannot be refreshed). */
    public void useRawToken() {
        String text = rawToken.get();
        switch (TokenDecoder.decode(text)) {
            case DecodeResult.Failed(DecodeResult.Segment segment, String reason) ->
                    say("Not a usable token: " + segment.name().toLowerCase() + ": " + reason);
            case DecodeResult.Decoded(var token) -> {
                Instant expires = token.numericDate("exp").map(Instant::ofEpochSecond).orElse(null);
                String label = token.claim("username").or(() -> token.claim("sub")).map(s -> "raw token (" + s + ")")
                        .orElse("raw token");
                rawToken.set("");
                added(service.rawToken(serverUrl.get(), label, token.compact(), expires));
            }
        }
    }

    public void refresh(Identity identity) {
        if (identity != null && !tasks.isBusy()) {
            run(() -> service.refresh(serverUrl.get(), identity), false);
        }
    }

    public void logout(Identity identity) {
        if (identity != null && !tasks.isBusy()) {
            run(() -> service.logout(serverUrl.get(), identity), false);
        }
    }

    /** Takes the identity off the list; a remembered login of it is forgotten too, so it does not come back. */
    public void remove(Identity identity) {
        identities.removeIf(i -> i.id().equals(identity.id()));
        if (active.get() != null && active.get().id().equals(identity.id())) {
            active.set(identities.isEmpty() ? null : identities.getFirst());
        }
        forget(identity);
    }

    /** Makes the identity the one requests go out as. */
    public void activate(Identity identity) {
        if (identity != null) {
            active.set(identity);
            say(identity.label() + " is active: requests go out as " + identity.label());
        }
    }

    /**
     * Remembers the identity's refresh token (never a password) in the owner-only file, off the UI thread; from then
     * on every rotated refresh token replaces it, and the next start brings the identity back.
     */
    public void remember(Identity identity) {
        if (identity == null) {
            return;
        }
        String server = serverUrl.get();
        Instant at = clock.instant();
        tasks.run(() -> {
            try {
                remembered.remember(server, identity, at);
                return remembered.file();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, file -> {
            rememberedOn.put(identity.id(), server);
            say("Remembered " + identity.label() + "'s refresh token in " + file
                    + " (readable by you only; no password is stored); it comes back when the workbench starts");
        }, reason -> say("Cannot remember " + identity.label() + ": " + reason));
    }

    /** Forgets the identity's remembered login; the identity itself stays for this session. */
    public void forget(Identity identity) {
        String server = identity == null ? null : rememberedOn.remove(identity.id());
        if (server == null) {
            return;
        }
        tasks.run(() -> {
            forgetLogin(server, identity.label());
            return identity.label();
        }, label -> say("Forgot " + label + "'s remembered login"),
                reason -> say("Cannot forget " + identity.label() + "'s login: " + reason));
    }

    /** Whether this identity can be remembered: it holds a refresh token to keep. */
    public boolean canRemember(Identity identity) {
        return identity != null && identity.currentTokens().flatMap(TokenSet::refresh).isPresent();
    }

    /** Whether this identity's login is remembered, so that it comes back at the next start. */
    public boolean isRemembered(Identity identity) {
        return identity != null && rememberedOn.containsKey(identity.id());
    }

    /** The remembered identities' ids, for views that follow them. */
    public ObservableMap<String, String> rememberedIds() {
        return FXCollections.unmodifiableObservableMap(rememberedOn);
    }

    /**
     * Brings back the logins remembered for the current server, off the UI thread: each refresh token is exchanged
     * for new tokens and the rotated one remembered in its place. A login the server no longer honours is forgotten
     * (and said so); one that could not be tried (no answer) is kept for the next start.
     */
    public void restoreRemembered() {
        String server = serverUrl.get();
        Set<String> present = new HashSet<>();
        identities.forEach(identity -> present.add(identity.label()));
        tasks.run(() -> restoreAll(server, present), this::restored,
                reason -> say("Cannot bring back the remembered logins: " + reason));
    }

    /** What bringing back one remembered login concluded. */
    private record Restored(RememberedLogins.Entry entry, IdentityService.Outcome outcome, boolean forgotten,
                            String saveProblem) {
    }

    private record RestoreReport(List<Restored> logins, String damaged) {
    }

    private RestoreReport restoreAll(String server, Set<String> present) {
        if (remembered.load() instanceof RememberedLogins.Loaded.Damaged(String reason)) {
            return new RestoreReport(List.of(), reason);
        }
        List<Restored> logins = new ArrayList<>();
        for (RememberedLogins.Entry entry : remembered.forServer(server)) {
            if (present.contains(entry.label())) {
                continue;
            }
            IdentityService.Outcome outcome = service.restore(entry);
            boolean forgotten = false;
            String saveProblem = null;
            try {
                if (outcome instanceof IdentityService.Outcome.Success(Identity identity)) {
                    remembered.remember(server, identity, identity.tokens().issuedAt());
                } else if (outcome instanceof IdentityService.Outcome.Refused(int status, String reason, Identity i)
                        && (status == 400 || status == 401)) {
                    forgetLogin(server, entry.label());
                    forgotten = true;
                }
            } catch (UncheckedIOException | IOException e) {
                saveProblem = BackgroundTasks.describe(e);
            }
            logins.add(new Restored(entry, outcome, forgotten, saveProblem));
        }
        return new RestoreReport(logins, null);
    }

    private void restored(RestoreReport report) {
        if (report.damaged() != null) {
            say(report.damaged());
            return;
        }
        List<String> back = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Restored login : report.logins()) {
            String label = login.entry().label();
            switch (login.outcome()) {
                case IdentityService.Outcome.Success(Identity identity) -> {
                    identities.add(identity);
                    rememberedOn.put(identity.id(), login.entry().server());
                    if (active.get() == null) {
                        active.set(identity);
                    }
                    back.add(label);
                    if (login.saveProblem() != null) {
                        problems.add(label + "'s new refresh token could not be remembered (" + login.saveProblem()
                                + "); remember it again");
                    }
                }
                case IdentityService.Outcome.Refused(int status, String reason, Identity identity) ->
                        problems.add(label + "'s remembered login was refused (" + status + ": " + reason + ")"
                                + (login.forgotten() ? "; it is forgotten: log in again" : "; kept for next time"));
                case IdentityService.Outcome.Failed(String reason, Identity identity) ->
                        problems.add(label + "'s remembered login could not be tried (" + reason
                                + "); kept for next time");
            }
        }
        if (back.isEmpty() && problems.isEmpty()) {
            return;
        }
        String said = back.isEmpty() ? "" : "Brought back " + String.join(", ", back) + " from remembered logins. ";
        say((said + String.join(". ", problems)).strip());
    }

    private void forgetLogin(String server, String label) {
        try {
            remembered.forget(server, label);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Called once a second: moves the countdowns on, clears a message that is no longer news, and refreshes every
     * identity whose token is about to expire, when auto-refresh is on.
     */
    public void tick(Instant instant) {
        now.set(instant);
        if (messageAt != null && !tasks.isBusy() && instant.isAfter(messageAt.plus(MESSAGE_LIFETIME))) {
            message.set("");
            messageAt = null;
        }
        if (!autoRefresh.get()) {
            return;
        }
        for (Identity identity : List.copyOf(identities)) {
            if (RefreshPolicy.isDue(identity, instant) && refreshing.add(identity.id())) {
                String server = serverUrl.get();
                tasks.runQuietly(() -> service.refresh(server, identity), outcome -> {
                    refreshing.remove(identity.id());
                    apply(outcome, false);
                }, reason -> refreshing.remove(identity.id()));
            }
        }
    }

    private void run(Supplier<IdentityService.Outcome> work, boolean activate) {
        say("");
        tasks.run(work, outcome -> apply(outcome, activate), reason -> say("Failed: " + reason));
    }

    private void apply(IdentityService.Outcome outcome, boolean activate) {
        switch (outcome) {
            case IdentityService.Outcome.Success(Identity identity) -> {
                replaceOrAdd(identity);
                if (activate || active.get() != null && active.get().id().equals(identity.id())) {
                    active.set(identity);
                }
                say(!identity.hasCredentials() ? identity.label() + " logged out" : identity.label() + ": "
                        + identity.timeline().getLast().detail());
                keepRememberedLoginCurrent(identity);
            }
            case IdentityService.Outcome.Refused(int status, String reason, Identity identity) -> {
                if (identities.stream().anyMatch(i -> i.id().equals(identity.id()))) {
                    replaceOrAdd(identity);
                }
                say(status >= 500 ? "The server failed (" + status + "): " + reason + "; its log may say why"
                        : "Refused" + (status > 0 ? " (" + status + ")" : "") + ": " + reason);
            }
            case IdentityService.Outcome.Failed(String reason, Identity identity) -> {
                if (identities.stream().anyMatch(i -> i.id().equals(identity.id()))) {
                    replaceOrAdd(identity);
                }
                say("Failed: " + reason);
            }
        }
    }

    /**
     * A remembered identity's refresh token was just rotated (remember the new one: the old one is spent) or
     * revoked by a logout (forget it).
     */
    private void keepRememberedLoginCurrent(Identity identity) {
        String server = rememberedOn.get(identity.id());
        if (server == null) {
            return;
        }
        if (identity.currentTokens().flatMap(TokenSet::refresh).isEmpty()) {
            rememberedOn.remove(identity.id());
            tasks.runQuietly(() -> {
                forgetLogin(server, identity.label());
                return identity.label();
            }, label -> say(label + " logged out; its remembered login is forgotten"),
                    reason -> say("Cannot forget " + identity.label() + "'s login: " + reason));
            return;
        }
        tasks.runQuietly(() -> {
            try {
                remembered.remember(server, identity, identity.tokens().issuedAt());
                return identity.label();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, label -> { }, reason -> say("Cannot remember " + identity.label() + "'s new refresh token: " + reason));
    }

    private void replaceOrAdd(Identity identity) {
        for (int i = 0; i < identities.size(); i++) {
            if (identities.get(i).id().equals(identity.id())) {
                identities.set(i, identity);
                if (active.get() != null && active.get().id().equals(identity.id())) {
                    active.set(identity);
                }
                return;
            }
        }
        identities.add(identity);
    }
}
