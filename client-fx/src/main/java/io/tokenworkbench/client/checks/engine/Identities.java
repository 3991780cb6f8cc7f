package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.tokenworkbench.client.checks.suite.Auth;
import io.tokenworkbench.client.checks.suite.CustomLogin;
import io.tokenworkbench.client.checks.suite.RequestSpec;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.checks.suite.SuiteIdentity.Derivation;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.Recipe;
import io.tokenworkbench.client.forge.SigningKey;
import io.tokenworkbench.client.forge.TokenSigner;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.CookieSession;
import io.tokenworkbench.client.identity.AuthorizationRequest;
import io.tokenworkbench.client.identity.HeadlessAuthorization;
import io.tokenworkbench.client.identity.TokenExchange;
import io.tokenworkbench.client.totp.AuthenticatorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities of one run: obtains each (logins by OAuth2 grants or the suite's own login exchange, minted, signed
 * and derived tokens, API keys, Basic, cookie sessions), renews a token that is about to expire before a cell uses it,
 * and obtains anew for cells that spend their token. Thread-safe: cells ask for their identity concurrently.
 */
final class Identities implements AutoCloseable {

    /** A token that expires within this is renewed before a cell uses it. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** After a failed renewal, how long cells go on with the old token before it is tried again. */
    static final Duration RENEWAL_PAUSE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern SECRET_FIELD =
            java.util.regex.Pattern.compile("(?i).*(pass|secret|key|token|pin|otp).*");

    private final RequestSender sender;
    private final Auth auth;
    private final Clock clock;
    private final RunListener listener;
    private final ServerMetadata metadata;
    private final Forgery forgery;
    private final Map<String, SuiteIdentity> byName = new LinkedHashMap<>();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** When an identity whose renewal failed may be tried again: not before every cell. */
    private final Map<String, Instant> renewalPaused = new ConcurrentHashMap<>();
    private final List<String> notes = new ArrayList<>();
    /** The code exchange of each authorization_code identity, kept for the replay that presents it again. */
    private final Map<String, ApiRequest> codeExchanges = new ConcurrentHashMap<>();
    private JkuServer jku;

    Identities(RequestSender sender, Auth auth, List<SuiteIdentity> identities, Clock clock, RunListener listener) {
        this.sender = sender;
        this.auth = auth;
        this.clock = clock;
        this.listener = listener;
        this.metadata = new ServerMetadata(sender, auth);
        this.forgery = new Forgery(clock);
        identities.forEach(identity -> byName.put(identity.name(), identity));
        auth.keys().values().forEach(key -> {
            if (key instanceof SigningKey.Secret secret) {
                sender.secrets().add(new String(secret.bytes(), StandardCharsets.UTF_8));
            }
        });
    }

    // --- the run's view ----------------------------------------------------------------------------------

    /**
     * Obtains every identity in order; an identity whose fields use a variable that has no value yet (a capture of
     * the setup) is left for {@link #obtainRemaining}.
     */
    void obtainAll(Variables variables) {
        for (SuiteIdentity identity : byName.values()) {
            Credential credential = obtainOrDefer(identity, variables);
            if (credential != null) {
                credentials.put(identity.name(), credential);
            }
        }
    }

    /** Obtains the identities left out so far, e.g. once the setup has captured what they use. */
    void obtainRemaining(Variables variables) {
        for (SuiteIdentity identity : byName.values()) {
            if (!credentials.containsKey(identity.name())) {
                credentials.put(identity.name(), obtain(identity, variables));
            }
        }
    }

    private Credential obtainOrDefer(SuiteIdentity identity, Variables variables) {
        try {
            return obtainStrict(identity, variables);
        } catch (Variables.Unresolved deferred) {
            return null;
        }
    }

    /** The credential of {@code name} (anonymous: none), renewed first when its token is about to expire. */
    Credential current(String name, Variables variables) {
        SuiteIdentity identity = byName.get(name);
        if (identity == null) {
            return new Credential.None();
        }
        Credential credential = credentials.get(name);
        if (credential == null || needsRenewal(identity, credential)) {
            synchronized (locks.computeIfAbsent(name, n -> new Object())) {
                credential = credentials.get(name);
                if (credential == null) {
                    credential = obtain(identity, variables);
                    credentials.put(name, credential);
                } else if (needsRenewal(identity, credential)) {
                    credential = renew(identity, (Credential.Bearer) credential, variables);
                    credentials.put(name, credential);
                }
            }
        }
        return credential;
    }

    /** A credential obtained anew, for a cell that spends its token; raw and derived identities keep theirs. */
    Credential fresh(String name, Variables variables) {
        SuiteIdentity identity = byName.get(name);
        if (identity == null || identity instanceof SuiteIdentity.Derived || identity instanceof SuiteIdentity.RawToken
                || identity instanceof SuiteIdentity.RefreshToken) {
            return current(name, variables);
        }
        return obtain(identity, variables);
    }

    /** Every identity obtained so far, by name. */
    Map<String, Credential> obtained() {
        return Map.copyOf(credentials);
    }

    /** Problems found while obtaining that do not stop a run, e.g. a raw token that had expired already. */
    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * How often the server fetched the {@code jku} key set of this identity's tokens; empty when the identity is not
     * a {@code jku} attack.
     */
    Optional<Integer> jkuFetches(String identity) {
        if (!(byName.get(identity) instanceof SuiteIdentity.Derived derived) || derived.derivation() != Derivation.JKU) {
            return Optional.empty();
        }
        return Optional.of(jku == null ? 0 : jku.fetchesFor(identity));
    }

    @Override
    public synchronized void close() {
        if (jku != null) {
            jku.close();
        }
    }

    // --- renewal -----------------------------------------------------------------------------------------

    private boolean needsRenewal(SuiteIdentity identity, Credential credential) {
        Instant now = clock.instant();
        return credential instanceof Credential.Bearer bearer && bearer.expiresAt() != null
                && renewable(identity) && bearer.expiresAt().isBefore(now.plus(RENEW_BEFORE))
                && !renewalPaused.getOrDefault(identity.name(), Instant.MIN).isAfter(now);
    }

    /** Identities whose token can be had again, and that are not meant to be expired. */
    private static boolean renewable(SuiteIdentity identity) {
        return switch (identity) {
            case SuiteIdentity.Login login -> true;
            case SuiteIdentity.AuthorizationCode code -> true;
            case SuiteIdentity.Session session -> false;
            case SuiteIdentity.ClientCredentials client -> true;
            case SuiteIdentity.RefreshToken refresh -> true;
            case SuiteIdentity.Minted minted -> minted.expiresInSeconds() > 0;
            case SuiteIdentity.Signed signed -> signed.expiresIn() != null && signed.expiresIn() > 0;
            case SuiteIdentity.RawToken raw -> false;
            case SuiteIdentity.ApiKey key -> false;
            case SuiteIdentity.Basic basic -> false;
            case SuiteIdentity.Derived derived -> false;
        };
    }

    private Credential renew(SuiteIdentity identity, Credential.Bearer current, Variables variables) {
        long left = Duration.between(clock.instant(), current.expiresAt()).toSeconds();
        Credential renewed = null;
        if (current.refreshToken() != null) {
            renewed = refresh(current.refreshToken(), current.session(), variables);
        }
        if (!(renewed instanceof Credential.Bearer) && !(identity instanceof SuiteIdentity.RefreshToken)) {
            renewed = obtain(identity, variables);
        }
        boolean ok = renewed instanceof Credential.Bearer;
        remember(renewed);
        if (!ok) {
            renewalPaused.put(identity.name(), clock.instant().plus(RENEWAL_PAUSE));
        }
        listener.message((ok ? "Renewed" : "Could not renew") + " the token of '" + identity.name() + "' ("
                + (left >= 0 ? "it expires in " + left + " s" : "it expired " + -left + " s ago") + ")"
                + (ok ? "" : ": " + ((Credential.Unavailable) renewed).reason()));
        return ok ? renewed : current;
    }

    // --- obtaining ---------------------------------------------------------------------------------------

    /** Obtains one identity; an unresolved variable makes it unavailable, saying which. */
    Credential obtain(SuiteIdentity identity, Variables variables) {
        try {
            return obtainStrict(identity, variables);
        } catch (Variables.Unresolved e) {
            return new Credential.Unavailable(e.getMessage());
        }
    }

    private Credential obtainStrict(SuiteIdentity identity, Variables variables) {
        return remember(obtainUnremembered(identity, variables));
    }

    /** Registers the credential's secrets, so that records mask them wherever they appear. */
    private Credential remember(Credential credential) {
        switch (credential) {
            case Credential.Bearer bearer -> {
                sender.secrets().add(bearer.token());
                sender.secrets().add(bearer.refreshToken());
            }
            case Credential.ApiKey key -> sender.secrets().add(key.value());
            case Credential.Basic basic -> sender.secrets().add(basic.password());
            case Credential.None none -> {
            }
            case Credential.Cookies cookies -> {
                if (cookies.csrf() != null) {
                    sender.secrets().add(cookies.csrf().token());
                }
            }
            case Credential.Attack attack -> {
            }
            case Credential.Unavailable unavailable -> {
            }
        }
        return credential;
    }

    private Credential obtainUnremembered(SuiteIdentity identity, Variables variables) {
        try {
            return switch (identity) {
                case SuiteIdentity.Login login -> login(login, variables);
                case SuiteIdentity.RawToken raw -> rawToken(raw, variables);
                case SuiteIdentity.Minted minted -> mint(minted, null);
                case SuiteIdentity.ClientCredentials client -> clientCredentials(client, variables);
                case SuiteIdentity.RefreshToken refresh -> refresh(variables.fill(refresh.refreshToken()), null,
                        variables);
                case SuiteIdentity.ApiKey key -> new Credential.ApiKey(key.placement(), key.parameter(),
                        variables.fill(key.value()));
                case SuiteIdentity.Basic basic -> new Credential.Basic(variables.fill(basic.username()),
                        variables.fill(basic.password()));
                case SuiteIdentity.Signed signed -> signed(signed, variables);
                case SuiteIdentity.Derived derived -> derive(derived, variables);
                case SuiteIdentity.AuthorizationCode code -> authorizationCode(code, variables);
                case SuiteIdentity.Session session -> session(session, variables);
            };
        } catch (Variables.Unresolved e) {
            throw e;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new Credential.Unavailable(e.getMessage());
        }
    }

    private Credential source(String from, Variables variables) {
        Credential source = credentials.get(from);
        if (source == null) {
            SuiteIdentity identity = byName.get(from);
            source = obtainStrict(identity, variables);
            credentials.put(from, source);
        }
        return source;
    }

    private Credential rawToken(SuiteIdentity.RawToken raw, Variables variables) {
        String token = variables.fill(raw.token()).strip().replaceFirst("(?i)^bearer\\s+", "");
        Instant expiresAt = TokenExchange.expiryOf(token).orElse(null);
        if (expiresAt != null && expiresAt.isBefore(clock.instant())) {
            String note = "Identity '" + raw.name() + "': its token expired at " + expiresAt + ", before the run";
            listener.message(note);
            synchronized (this) {
                notes.add(note);
            }
        }
        return new Credential.Bearer(token, null, expiresAt, null);
    }

    /** Logs in with the OAuth2 password grant (used by replays too). */
    Credential passwordGrant(String username, String password, String scope) {
        return passwordGrant(username, password, scope, null);
    }

    private Credential passwordGrant(String username, String password, String scope, CookieSession session) {
        return tokenAnswer("logging in as " + username, sender.send(TokenExchange.passwordGrant(tokenEndpoint(),
                username, password, scope), null, as(session), true), session);
    }

    /** The token endpoint's URL, from the suite, the server's metadata, or the contract's default. */
    String tokenEndpoint() {
        return metadata.tokenEndpoint();
    }

    ApiRequest tokenRequest(Map<String, String> form) {
        return TokenExchange.tokenRequest(tokenEndpoint(), form);
    }

    private Credential login(SuiteIdentity.Login login, Variables variables) {
        Map<String, String> fields = new LinkedHashMap<>();
        login.fields().forEach((field, value) -> fields.put(field, variables.fill(value)));
        fields.forEach((field, value) -> {
            if (SECRET_FIELD.matcher(field).matches()) {
                sender.secrets().add(value);
            }
        });
        CookieSession session = login.cookieSession() ? new CookieSession() : null;
        Optional<CustomLogin> custom = auth.login();
        if (custom.isEmpty()) {
            return passwordGrant(fields.get("username"), fields.get("password"), fields.get("scope"), session);
        }
        String what = "logging in as " + fields.getOrDefault("username", login.name());
        ApiRequest request = sender.build(custom.get().request(), variables.with(fields));
        return customAnswer(what, sender.send(request, null, as(session), true), request, session);
    }

    private Credential customAnswer(String what, ApiResult result, ApiRequest request, CookieSession session) {
        CustomLogin exchange = auth.login().orElseThrow();
        if (!(result instanceof ApiResult.Response response)) {
            return new Credential.Unavailable(what + " failed: " + ((ApiResult.Failure) result).reason());
        }
        if (!response.isSuccess()) {
            return new Credential.Unavailable(what + " answered " + response.status()
                    + RequestSender.describe(response));
        }
        Optional<String> token = exchange.token().flatMap(at -> TokenExchange.valueAt(at, response, request.url()));
        if (exchange.token().isPresent() && token.isEmpty() && session == null) {
            return new Credential.Unavailable(what + ": the answer has no token at " + exchange.token().get());
        }
        if (token.isEmpty()) {
            return session.isEmpty()
                    ? new Credential.Unavailable(what + ": the answer set no cookie for the session")
                    : new Credential.Cookies(session);
        }
        String refresh = exchange.refresh().flatMap(at -> TokenExchange.valueAt(at, response, request.url()))
                .orElse(null);
        Instant expiresAt = exchange.expiresIn().flatMap(at -> TokenExchange.valueAt(at, response, request.url()))
                .flatMap(Identities::seconds).map(s -> clock.instant().plusSeconds(s))
                .or(() -> TokenExchange.expiryOf(token.get())).orElse(null);
        return new Credential.Bearer(token.get(), refresh, expiresAt, session);
    }

    /** Exchanges a refresh token: OAuth2's refresh grant, or the suite's refresh request. */
    private Credential refresh(String refreshToken, CookieSession session, Variables variables) {
        Optional<RequestSpec> custom = auth.login().flatMap(CustomLogin::refreshRequest);
        if (auth.login().isPresent()) {
            if (custom.isEmpty()) {
                return new Credential.Unavailable("the suite's login has no refresh_request to use a refresh token "
                        + "with");
            }
            ApiRequest request = sender.build(custom.get(), variables.with(Map.of("refresh_token", refreshToken)));
            return customAnswer("refreshing", sender.send(request, null, as(session), true), request, session);
        }
        return tokenAnswer("refreshing", sender.send(TokenExchange.refreshGrant(tokenEndpoint(), refreshToken), null,
                as(session), true), session);
    }

    /**
     * The authorization code flow with PKCE, headless: the login page's form filled in, the code taken from the
     * redirect (state and issuer checked), exchanged at the token endpoint.
     */
    private Credential authorizationCode(SuiteIdentity.AuthorizationCode code, Variables variables) {
        String username = variables.fill(code.username());
        String password = variables.fill(code.password());
        String totpSecret = code.totpSecret() == null ? null : variables.fill(code.totpSecret());
        sender.secrets().add(password);
        sender.secrets().add(totpSecret);
        return authorizationCodeGrant(variables.fill(code.clientId()), code.redirectUri(), username, password,
                totpSecret, code.scope() == null ? null : variables.fill(code.scope()), code.name());
    }

    /** The token request that exchanged the identity's latest code, to present it again (a replay). */
    Optional<ApiRequest> codeExchangeOf(String identity) {
        return Optional.ofNullable(codeExchanges.get(identity));
    }

    /** The identity's sign-in as its fields say, with their variables filled (a replay signs in anew). */
    Optional<SuiteIdentity.AuthorizationCode> authorizationCodeIdentity(String name) {
        return byName.get(name) instanceof SuiteIdentity.AuthorizationCode code ? Optional.of(code) : Optional.empty();
    }

    /** Signs in on the login page as {@code username} and exchanges the code, kept for the identity's replay. */
    private Credential authorizationCodeGrant(String clientId, String redirectUri, String username, String password,
                                              String totpSecret, String scope, String identity) {
        SignInResult result = signIn(clientId, redirectUri, username, password, totpSecret, scope);
        if (result.signedIn() == null) {
            return new Credential.Unavailable(result.failure());
        }
        ApiRequest exchange = tokenRequest(result.signedIn().request().exchange(result.signedIn().code()));
        codeExchanges.put(identity, exchange);
        return tokenAnswer("exchanging the authorization code of " + username,
                sender.send(exchange, null, new Credential.None(), true), null);
    }

    /** A code from the login page, and the request it answers. */
    record SignedIn(AuthorizationRequest request, String code) {
    }

    /** What a headless sign-in came to: a code (failure null), or why not (signedIn null). */
    record SignInResult(SignedIn signedIn, String failure) {
    }

    /** The browser login's page: the suite's, else the metadata's. */
    Optional<String> authorizationEndpoint() {
        return auth.authorizationEndpoint().map(e -> ApiRequest.join(sender.server(), e))
                .or(metadata::authorizationEndpoint);
    }

    /** Signs in on the server's login page without a browser, up to the redirect with the code. */
    SignInResult signIn(String clientId, String redirectUri, String username, String password, String totpSecret,
                        String scope) {
        Optional<String> endpoint = authorizationEndpoint();
        if (endpoint.isEmpty()) {
            return new SignInResult(null, "the server names no authorization_endpoint in its metadata (RFC 8414 or "
                    + "OpenID discovery); give it as auth.authorization_endpoint");
        }
        AuthorizationRequest request = AuthorizationRequest.start(endpoint.get(), clientId, redirectUri, scope);
        java.util.function.Supplier<String> secondFactor = totpSecret == null ? null
                : () -> AuthenticatorCode.at(totpSecret, clock.instant());
        return switch (new HeadlessAuthorization(sender.client()).signIn(request, username, password, secondFactor)) {
            case HeadlessAuthorization.Result.Failed(String reason) ->
                    new SignInResult(null, "signing in as " + username + " on the login page failed: " + reason);
            case HeadlessAuthorization.Result.Redirected(Map<String, String> parameters) ->
                    switch (request.check(parameters, metadata.issuer().orElse(null))) {
                        case AuthorizationRequest.Answer.Code(String code) ->
                                new SignInResult(new SignedIn(request, code), null);
                        case AuthorizationRequest.Answer.Refused(String reason) ->
                                new SignInResult(null, "the authorization server refused: " + reason);
                        case AuthorizationRequest.Answer.Unusable(String reason) -> new SignInResult(null, reason);
                    };
        };
    }

    /** Logs in to a cookie session; its CSRF token comes from the answer or a cookie, as the identity says. */
    private Credential session(SuiteIdentity.Session session, Variables variables) {
        String username = variables.fill(session.username());
        String password = variables.fill(session.password());
        String totpSecret = session.totpSecret() == null ? null : variables.fill(session.totpSecret());
        sender.secrets().add(password);
        sender.secrets().add(totpSecret);
        return sessionLogin(username, password, totpSecret, session.endpoint(), session.form(), session.csrf(),
                session.csrfHeader());
    }

    /** A session login (used by replays too). */
    Credential sessionLogin(String username, String password, String totpSecret, String endpoint, boolean form,
                            String csrfAt, String csrfHeader) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        if (totpSecret != null) {
            fields.put("totp_code", AuthenticatorCode.at(totpSecret, clock.instant()));
        }
        String url = ApiRequest.join(sender.server(), endpoint);
        ApiRequest request = form ? TokenExchange.tokenRequest(url, fields) : sender.json("POST", url, fields, null);
        CookieSession jar = new CookieSession();
        String what = "logging in to a session as " + username;
        ApiResult result = sender.send(request, null, new Credential.Cookies(jar), true);
        if (!(result instanceof ApiResult.Response response)) {
            return new Credential.Unavailable(what + " failed: " + ((ApiResult.Failure) result).reason());
        }
        if (!response.isSuccess()) {
            return new Credential.Unavailable(what + " answered " + response.status() + RequestSender.describe(response));
        }
        if (jar.isEmpty()) {
            return new Credential.Unavailable(what + ": the answer set no cookie");
        }
        if (csrfAt.equals("none")) {
            return new Credential.Cookies(jar, null);
        }
        return TokenExchange.valueAt(csrfAt, response, request.url())
                .<Credential>map(token -> new Credential.Cookies(jar, new Credential.Csrf(csrfHeader, token)))
                .orElse(new Credential.Unavailable(what + ": the answer has no CSRF token at " + csrfAt
                        + " (csrf: none if the server wants none)"));
    }

    private Credential clientCredentials(SuiteIdentity.ClientCredentials client, Variables variables) {
        String id = variables.fill(client.clientId());
        String secret = variables.fill(client.clientSecret());
        sender.secrets().add(secret);
        ApiRequest request = TokenExchange.clientCredentialsGrant(tokenEndpoint(), id, secret,
                client.scope() == null ? null : variables.fill(client.scope()),
                client.clientAuth() == SuiteIdentity.ClientAuth.FORM);
        return tokenAnswer("the client credentials grant for " + id, sender.send(request, null), null);
    }

    private Credential tokenAnswer(String what, ApiResult result, CookieSession session) {
        return switch (result) {
            case ApiResult.Failure failure -> new Credential.Unavailable(what + " failed: " + failure.reason());
            case ApiResult.Response response when response.status() != 200 ->
                    new Credential.Unavailable(what + " answered " + response.status()
                            + RequestSender.describe(response));
            case ApiResult.Response response -> TokenExchange.oauthAnswer(response.body())
                    .<Credential>map(tokens -> new Credential.Bearer(tokens.accessToken(), tokens.refreshToken(),
                            tokens.expiresAt(clock.instant()), session))
                    .orElse(new Credential.Unavailable(what + ": the answer has no access_token"));
        };
    }

    /** A session (access and refresh token) from the dev mint: it spends nothing of the token endpoint's limit. */
    Credential mintedSession(String username) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("expires_in", 900)
                .put("refresh", true);
        return tokenAnswer("minting a session for " + username,
                sender.send(sender.json("POST", "/v1/dev/tokens", body, null), null), null);
    }

    Credential mint(SuiteIdentity.Minted minted, ObjectNode extraClaims) {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", minted.username());
        body.put("expires_in", minted.expiresInSeconds());
        if (minted.scope() != null) {
            body.put("scope", minted.scope());
        }
        ObjectNode claims = minted.claims() == null ? JSON.createObjectNode() : minted.claims().deepCopy();
        if (extraClaims != null) {
            claims.setAll(extraClaims);
        }
        if (!claims.isEmpty()) {
            body.set("claims", claims);
        }
        if (minted.header() != null) {
            body.set("header", minted.header());
        }
        ApiResult result = sender.send(sender.json("POST", "/v1/dev/tokens", body, null), null);
        if (result instanceof ApiResult.Response response && response.status() == 404) {
            return new Credential.Unavailable("minting a token for " + minted.username()
                    + " answered 404: the server does not mint tokens (mint is for our backend in dev mode; "
                    + "use sign with a key under auth.keys for other servers)");
        }
        return tokenAnswer("minting a token for " + minted.username(), result, null);
    }

    private Credential signed(SuiteIdentity.Signed signed, Variables variables) {
        SigningKey key = auth.keys().get(signed.key());
        ObjectNode payload = JSON.createObjectNode();
        if (signed.from() != null) {
            if (!(source(signed.from(), variables) instanceof Credential.Bearer bearer)) {
                return new Credential.Unavailable("its source identity '" + signed.from() + "' has no token to copy "
                        + "claims from");
            }
            payload = payloadOf(bearer.token());
        }
        long now = clock.instant().getEpochSecond();
        if (signed.expiresIn() != null) {
            payload.put("iat", now);
            payload.put("exp", now + signed.expiresIn());
        }
        if (signed.claims() != null) {
            for (var claim : signed.claims().properties()) {
                if (claim.getValue().isNull()) {
                    payload.remove(claim.getKey());
                } else {
                    payload.set(claim.getKey(), variables.fill(claim.getValue()));
                }
            }
        }
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "none");
        header.put("typ", "JWT");
        key.keyId().ifPresent(kid -> header.put("kid", kid));
        if (signed.header() != null) {
            header.setAll((ObjectNode) variables.fill(signed.header()));
        }
        JWSAlgorithm alg = signed.algorithm() == null ? key.defaultAlgorithm() : JWSAlgorithm.parse(signed.algorithm());
        String token = TokenSigner.sign(header, payload, key, alg);
        return new Credential.Bearer(token, null, TokenExchange.expiryOf(token).orElse(null), null);
    }

    private Credential derive(SuiteIdentity.Derived derived, Variables variables) {
        if (!(source(derived.from(), variables) instanceof Credential.Bearer source)) {
            Credential from = credentials.get(derived.from());
            return new Credential.Unavailable("its source identity '" + derived.from() + "' has no token"
                    + (from instanceof Credential.Unavailable(String reason) ? " (" + reason + ")" : ""));
        }
        String token = source.token();
        Derivation kind = derived.derivation();
        if ((kind == Derivation.AUDIENCE || kind == Derivation.ISSUER)
                && byName.get(derived.from()) instanceof SuiteIdentity.Minted minted) {
            ObjectNode claim = JSON.createObjectNode();
            claim.put(kind == Derivation.AUDIENCE ? "aud" : "iss", derived.value() == null || derived.value().isBlank()
                    ? Forgery.DEFAULT_OTHER_PARTY : derived.value());
            return mint(minted, claim);
        }
        if (kind.recipe().isPresent()) {
            Recipe recipe = kind.recipe().get();
            return new Credential.Attack(recipe.apply(forgery, token, recipe.needsServerKeys() ? metadata.keys() : null,
                    recipe.needsUrl() ? jkuServer().urlFor(derived.name()) : null));
        }
        SigningKey key = derived.key() == null ? null : auth.keys().get(derived.key());
        return switch (kind) {
            case TAMPERED -> bearer(forgery.tampered(token));
            case CLAIMS -> bearer(forgery.claims(token, derived.set(), derived.remove()));
            case ALG_NONE -> bearer(forgery.algNone(token));
            case STRIPPED -> bearer(forgery.stripped(token));
            case OTHER_KEY -> bearer(forgery.otherKey(token));
            case AUDIENCE -> bearer(forgery.audience(token, derived.value()));
            case ISSUER -> bearer(forgery.issuer(token, derived.value()));
            case EXPIRED -> bearer(forgery.expired(token, key, null));
            case RESIGN -> bearer(forgery.resign(token, key, null));
            case KEY_CONFUSION, JWK_HEADER, JKU, KID_TRAVERSAL, KID_INJECTION, PSYCHIC, NONE_VARIANTS, BLANK_SECRET,
                 WEAK_SECRET -> throw new IllegalStateException("attacks are made by their recipe, above");
        };
    }

    private synchronized JkuServer jkuServer() {
        if (jku == null) {
            jku = new JkuServer(forgery.attackerJwks());
        }
        return jku;
    }

    private Credential bearer(String token) {
        return new Credential.Bearer(token, null, null, null);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** Sends as nobody, but within the session's cookies when there is one. */
    private static Credential as(CookieSession session) {
        return session == null ? new Credential.None() : new Credential.Cookies(session);
    }

    private static ObjectNode payloadOf(String token) {
        String[] parts = token.split("\\.");
        try {
            if (parts.length >= 2 && JSON.readTree(Base64.getUrlDecoder().decode(parts[1])) instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException | IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("the source token is not a JWT, so there are no claims to copy");
    }

    private static Optional<Long> seconds(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
