package io.tokenworkbench.client.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.CookieSession;
import io.tokenworkbench.client.http.Origins;
import io.tokenworkbench.client.server.ServerProbe;
import io.tokenworkbench.model.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Obtains identities from any API — the OAuth2 password and client credentials grants at its token endpoint, a login
 * of its own whose answer holds a token or sets a session cookie, API keys, Basic credentials, pasted tokens — and
 * refreshes and logs them out. Blocking: call it off the UI thread. Thread-safe. Passwords for a login are used for
 * the one request and never kept.
 */
public final class IdentityService {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(username|password)}");

    private final ApiClient api;
    private final Clock clock;
    private final ServerProbe probe;

    public IdentityService(ApiClient api, Clock clock) {
        this.api = api;
        this.clock = clock;
        this.probe = new ServerProbe(api);
    }

    /** What an attempt to get credentials concluded. */
    public sealed interface Outcome {
        /** Obtained; the identity holds them. */
        record Success(Identity identity) implements Outcome {
        }

        /** The server said no, as its answer says. */
        record Refused(int status, String reason, Identity identity) implements Outcome {
        }

        /** No answer (or no usable answer) from the server. */
        record Failed(String reason, Identity identity) implements Outcome {
        }
    }

    /**
     * A login exchange of the API's own, e.g. {@code POST /auth/login} with a JSON body.
     *
     * @param method       the HTTP method
     * @param path         path or URL
     * @param body         the body, with {@code ${username}} and {@code ${password}} where they go; JSON unless it
     *                     looks like a form ({@code a=b&c=d})
     * @param tokenAt      where the token is in the answer (a JSON pointer, {@code header:Name} or
     *                     {@code cookie:Name}), or blank for a session without a token
     * @param keepCookies  keep the cookies the login sets and send them with this identity's requests
     */
    /** Our backend's session login, which {@code DELETE} on the same path ends. */
    static final String SESSION_ENDPOINT = "/v1/auth/session";

    public record CustomLogin(String method, String path, String body, String tokenAt, boolean keepCookies,
                              String csrfAt, String csrfHeader) {
        public CustomLogin(String method, String path, String body, String tokenAt, boolean keepCookies) {
            this(method, path, body, tokenAt, keepCookies, null, null);
        }
    }

    /** The token endpoint the server names in its metadata, or our contract's when it names none. */
    public String tokenEndpoint(String serverUrl) {
        return probe.tokenEndpoint(serverUrl);
    }

    /** The token endpoint the server names in its RFC 8414 or OpenID metadata, if it publishes any. */
    public Optional<String> publishedTokenEndpoint(String serverUrl) {
        return probe.metadataField(serverUrl, "token_endpoint");
    }

    /**
     * Logs a user in with the OAuth2 password grant; {@code scope} may be null or blank for the user's full
     * permissions, {@code tokenEndpoint} (path or URL) null or blank for the server's own.
     */
    public Outcome login(String serverUrl, String tokenEndpoint, String username, String password, String scope) {
        String label = scope == null || scope.isBlank() ? username : username + " (" + scope.strip() + ")";
        return atTokenEndpoint(serverUrl, tokenEndpoint, endpoint -> {
            Identity identity = Identity.withTokens(UUID.randomUUID().toString(), label, username,
                    scope == null || scope.isBlank() ? null : scope.strip(), null, List.of(), serverUrl, endpoint);
            return tokenRequest(TokenExchange.passwordGrant(endpoint, username, password, identity.scope()), identity,
                    TimelineEvent.Kind.ISSUED, "password grant at " + endpoint);
        });
    }

    /** Opens a URL in the user's browser (the workbench's is JavaFX's {@code HostServices}). */
    @FunctionalInterface
    public interface Browser {
        void open(String url) throws Exception;
    }

    /**
     * Logs a user in through their browser with the authorization code flow and PKCE (RFC 6749 §4.1, RFC 7636,
     * RFC 8252): opens the authorization endpoint, waits on a loopback port for the redirect, checks its
     * {@code state} and (when present) {@code iss}, and exchanges the code at the token endpoint.
     *
     * @param issuer the issuer the redirect's {@code iss} must name (RFC 9207), or null when the server has none
     */
    public Outcome browserLogin(String serverUrl, String authorizationEndpoint, String tokenEndpoint, String issuer,
                                String clientId, String scope, Browser browser, java.time.Duration timeout) {
        return atTokenEndpoint(serverUrl, tokenEndpoint, endpoint -> {
            String wanted = scope == null || scope.isBlank() ? null : scope.strip();
            Identity identity = Identity.withTokens(UUID.randomUUID().toString(), "browser login (" + clientId + ")",
                    null, wanted, null, List.of(), serverUrl, endpoint);
            try (LoopbackRedirect redirect = new LoopbackRedirect()) {
                AuthorizationRequest request = AuthorizationRequest.start(authorizationEndpoint, clientId,
                        redirect.uri(), wanted);
                try {
                    browser.open(request.url());
                } catch (Exception e) {
                    return new Outcome.Failed("The browser could not be opened (" + e.getMessage() + "); open "
                            + authorizationEndpoint + " yourself", identity);
                }
                java.util.Map<String, String> answer = redirect.await(timeout).orElse(null);
                if (answer == null) {
                    return new Outcome.Failed("No answer from the browser within " + timeout.toSeconds()
                            + " s: the login was not finished", identity);
                }
                return switch (request.check(answer, issuer)) {
                    case AuthorizationRequest.Answer.Unusable(String reason) -> new Outcome.Failed(reason, identity);
                    case AuthorizationRequest.Answer.Refused(String reason) -> new Outcome.Refused(400, reason, identity);
                    case AuthorizationRequest.Answer.Code(String code) -> tokenRequest(
                            TokenExchange.tokenRequest(endpoint, request.exchange(code)), identity,
                            TimelineEvent.Kind.ISSUED, "browser login (authorization code with PKCE) at " + endpoint);
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Failed("The browser login was stopped", identity);
            }
        });
    }

    /**
     * As {@link #browserLogin(String, String, String, String, String, String, Browser, java.time.Duration)}, with
     * the authorization endpoint (when blank) and the issuer taken from the server's metadata.
     */
    public Outcome browserLogin(String serverUrl, String authorizationEndpoint, String tokenEndpoint, String clientId,
                                String scope, Browser browser, java.time.Duration timeout) {
        String authorize = authorizationEndpoint == null || authorizationEndpoint.isBlank()
                ? probe.metadataField(serverUrl, "authorization_endpoint").orElse(null) : authorizationEndpoint.strip();
        if (authorize == null) {
            return new Outcome.Failed(serverUrl + " names no authorization endpoint in its metadata (RFC 8414 or "
                    + "OpenID discovery); type it in", null);
        }
        String token = tokenEndpoint == null || tokenEndpoint.isBlank()
                ? probe.metadataField(serverUrl, "token_endpoint").orElse(null) : tokenEndpoint;
        return browserLogin(serverUrl, authorize, token, probe.metadataField(serverUrl, "issuer").orElse(null),
                clientId, scope, browser, timeout);
    }

    /** Logs a user in at the server's own token endpoint. */
    public Outcome login(String serverUrl, String username, String password, String scope) {
        return login(serverUrl, null, username, password, scope);
    }

    /** Gets a token for a client with the client credentials grant; the secret is kept in memory to renew it. */
    public Outcome clientCredentials(String serverUrl, String tokenEndpoint, String clientId, String clientSecret,
                                     String scope, boolean secretInForm) {
        return atTokenEndpoint(serverUrl, tokenEndpoint, endpoint -> {
            String wanted = scope == null || scope.isBlank() ? null : scope.strip();
            Identity identity = new Identity(UUID.randomUUID().toString(), "client " + clientId, null, wanted, null,
                    List.of(), new Access.Client(endpoint, clientId, clientSecret, wanted, secretInForm), null,
                    Origins.of(serverUrl), Set.of());
            return clientToken(identity, TimelineEvent.Kind.ISSUED);
        });
    }

    /** Logs in with a login of the API's own; the password fills {@code ${password}} for this one request. */
    public Outcome customLogin(String serverUrl, CustomLogin login, String username, String password) {
        String label = username == null || username.isBlank() ? "login at " + login.path() : username;
        boolean session = login.keepCookies();
        CookieSession cookies = session ? new CookieSession() : null;
        Identity identity = new Identity(UUID.randomUUID().toString(), label, blankToNull(username), null, null,
                List.of(), login.tokenAt() == null || login.tokenAt().isBlank() ? new Access.Session()
                : new Access.Token(null), cookies, Origins.of(serverUrl), Set.of());
        if (identity.access() instanceof Access.Session && !session) {
            return new Outcome.Failed("Say where the token is in the answer, or keep the session's cookies", null);
        }
        if (login.tokenAt() != null && !login.tokenAt().isBlank() && !TokenExchange.isLocation(login.tokenAt())) {
            return new Outcome.Failed("The token's place is a JSON pointer such as /access_token, header:Name or "
                    + "cookie:Name", null);
        }
        boolean csrf = login.csrfAt() != null && !login.csrfAt().isBlank();
        if (csrf && (!TokenExchange.isLocation(login.csrfAt().strip()) || login.csrfHeader() == null
                || login.csrfHeader().isBlank())) {
            return new Outcome.Failed("The CSRF token's place is a JSON pointer such as /csrf_token, header:Name or "
                    + "cookie:Name, with the header it goes back in (leave it blank for none)", null);
        }
        ApiRequest request;
        try {
            request = customRequest(serverUrl, login, username, password);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(e.getMessage(), null);
        }
        Instant now = clock.instant();
        String detail = "login at " + login.path();
        return switch (sender(cookies).send(request)) {
            case ApiResult.Failure f -> new Outcome.Failed(f.reason(), identity);
            case ApiResult.Response r when r.status() == 404 || r.status() == 405 -> new Outcome.Refused(r.status(),
                    request.method() + " " + request.url() + " answered " + r.status() + ": is that the API's login?",
                    identity);
            case ApiResult.Response r when !r.isSuccess() -> new Outcome.Refused(r.status(), "HTTP " + r.status()
                    + TokenExchange.reason(r), identity);
            case ApiResult.Response r when identity.access() instanceof Access.Session -> {
                if (cookies.isEmpty()) {
                    yield new Outcome.Refused(r.status(), "the login answered " + r.status() + " but set no cookie",
                            identity);
                }
                Optional<Access.Session> withCsrf = csrf
                        ? TokenExchange.valueAt(login.csrfAt().strip(), r, request.url())
                        .map(token -> new Access.Session(request.url(), login.csrfHeader().strip(), token))
                        : foundCsrf(r, request.url(), login.csrfHeader());
                if (csrf && withCsrf.isEmpty()) {
                    yield new Outcome.Failed("The login answered " + r.status() + " with no CSRF token at "
                            + login.csrfAt().strip() + " (leave it blank if the API wants none)", identity);
                }
                yield new Outcome.Success(withCsrf.map(identity::withAccess).orElse(identity).withEvent(
                        new TimelineEvent(now, TimelineEvent.Kind.ISSUED, detail + ": session cookies "
                                + String.join(", ", cookies.names()) + withCsrf.map(s -> ", CSRF token for "
                                + s.csrfHeader()).orElse(""))));
            }
            case ApiResult.Response r -> {
                Optional<String> token = TokenExchange.valueAt(login.tokenAt().strip(), r, request.url());
                if (token.isEmpty()) {
                    yield new Outcome.Failed("The login answered " + r.status() + " with no token at "
                            + login.tokenAt().strip(), identity);
                }
                TokenSet set = new TokenSet(token.get(), null, now, TokenExchange.expiryOf(token.get()).orElse(null),
                        null);
                yield new Outcome.Success(identity.withTokens(set, new TimelineEvent(now, TimelineEvent.Kind.ISSUED,
                        detail)));
            }
        };
    }

    /**
     * A CSRF token where the common frameworks put one, when the user named no place: {@code csrf_token} in the
     * answer (ours, sent back in the header given), Django's {@code csrftoken} cookie ({@code X-CSRFToken}), or the
     * {@code XSRF-TOKEN} cookie of Angular, Laravel and Spring ({@code X-XSRF-TOKEN}).
     */
    private static Optional<Access.Session> foundCsrf(ApiResult.Response answer, String url, String header) {
        String ours = header == null || header.isBlank() ? "X-CSRF-Token" : header.strip();
        return TokenExchange.valueAt("/csrf_token", answer, url).map(token -> new Access.Session(url, ours, token))
                .or(() -> TokenExchange.valueAt("cookie:csrftoken", answer, url)
                        .map(token -> new Access.Session(url, "X-CSRFToken", token)))
                .or(() -> TokenExchange.valueAt("cookie:XSRF-TOKEN", answer, url)
                        .map(token -> new Access.Session(url, "X-XSRF-TOKEN", token)));
    }

    /** An identity that sends an API key in a header or the query. */
    public Identity apiKey(String serverUrl, String label, boolean inQuery, String name, String value) {
        Instant now = clock.instant();
        return new Identity(UUID.randomUUID().toString(), label, null, null, null,
                List.of(new TimelineEvent(now, TimelineEvent.Kind.ISSUED, "API key in the " + (inQuery ? "query" :
                        "header") + " " + name)), new Access.ApiKey(inQuery, name, value), null,
                Origins.of(serverUrl), Set.of());
    }

    /** An identity that sends HTTP Basic credentials on every request. */
    public Identity basic(String serverUrl, String username, String password) {
        Instant now = clock.instant();
        return new Identity(UUID.randomUUID().toString(), username + " (Basic)", username, null, null,
                List.of(new TimelineEvent(now, TimelineEvent.Kind.ISSUED, "HTTP Basic")),
                new Access.Basic(username, password), null, Origins.of(serverUrl), Set.of());
    }

    /** An identity for a token obtained elsewhere; it cannot be refreshed. */
    public Identity rawToken(String serverUrl, String label, String accessToken, Instant expiresAt) {
        Instant now = clock.instant();
        return Identity.withTokens(UUID.randomUUID().toString(), label, null, null,
                new TokenSet(accessToken, null, now, expiresAt, null),
                List.of(new TimelineEvent(now, TimelineEvent.Kind.ISSUED, "raw token pasted")), serverUrl, null);
    }

    /** Renews the identity's token: a refresh grant (the server rotates the refresh token), or a client's new one. */
    public Outcome refresh(String serverUrl, Identity identity) {
        if (identity.access() instanceof Access.Client) {
            return clientToken(identity, TimelineEvent.Kind.REFRESHED);
        }
        String refreshToken = identity.currentTokens().flatMap(TokenSet::refresh).orElse(null);
        if (!(identity.access() instanceof Access.Token(String endpoint)) || endpoint == null || refreshToken == null) {
            return new Outcome.Refused(0, "This identity has no refresh token", identity);
        }
        return refreshGrant(endpoint, refreshToken, identity, "refreshed");
    }

    /**
     * Brings back a remembered login: its refresh token is exchanged at the token endpoint it was obtained from (the
     * server's own for entries that did not keep one), which gives a new access token and, on servers that rotate,
     * a new refresh token that must be remembered in its place.
     */
    public Outcome restore(RememberedLogins.Entry entry) {
        String endpoint;
        try {
            endpoint = endpoint(entry.server(), entry.tokenEndpoint());
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(e.getMessage(), null);
        }
        Identity identity = Identity.withTokens(UUID.randomUUID().toString(), entry.label(), entry.username(),
                entry.scope(), null, List.of(), entry.server(), endpoint);
        return refreshGrant(endpoint, entry.refreshToken(), identity, "restored from a remembered login");
    }

    private Outcome refreshGrant(String endpoint, String refreshToken, Identity identity, String detail) {
        return tokenRequest(TokenExchange.refreshGrant(endpoint, refreshToken), identity, TimelineEvent.Kind.REFRESHED,
                detail, refreshToken);
    }

    /**
     * Logs out: on a server that speaks our contract, it revokes the access token and the refresh family; elsewhere
     * the workbench forgets the tokens and cookies (the server may still honour them until they expire).
     */
    public Outcome logout(String serverUrl, Identity identity) {
        Instant now = clock.instant();
        if (identity.access() instanceof Access.Session session && session.endpoint() != null
                && session.endpoint().endsWith(SESSION_ENDPOINT) && identity.cookies() != null) {
            return endSession(identity, session, now);
        }
        if (identity.cookies() != null) {
            identity.cookies().clear();
        }
        TokenSet tokens = identity.tokens();
        boolean contract = identity.access() instanceof Access.Token(String endpoint) && endpoint != null
                && endpoint.endsWith(ServerProbe.DEFAULT_TOKEN_ENDPOINT);
        if (tokens == null || !contract) {
            return new Outcome.Success(identity.withTokens(null, new TimelineEvent(now, TimelineEvent.Kind.REVOKED,
                    "forgotten by the workbench (the server knows no logout the workbench could call)")));
        }
        String body = tokens.refreshToken() == null ? null : jsonObject(Map.of("refresh_token", tokens.refreshToken()));
        ApiRequest request = ApiRequest.of("POST", serverUrl, "/v1/auth/logout").withBearer(tokens.accessToken());
        if (body != null) {
            request = request.withHeader("Content-Type", "application/json").withBody(body);
        }
        return switch (api.send(request)) {
            case ApiResult.Response r when r.isSuccess() -> new Outcome.Success(identity.withTokens(null,
                    new TimelineEvent(now, TimelineEvent.Kind.REVOKED, "logged out")));
            case ApiResult.Response r -> {
                String reason = reason(r);
                yield new Outcome.Refused(r.status(), reason, identity.withEvent(
                        new TimelineEvent(now, TimelineEvent.Kind.FAILED, "logout refused: " + reason)));
            }
            case ApiResult.Failure f -> new Outcome.Failed(f.reason(), identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.FAILED, "logout: " + f.reason())));
        };
    }

    /** Our backend's session logout: {@code DELETE /v1/auth/session} with the cookie and the CSRF token. */
    private Outcome endSession(Identity identity, Access.Session session, Instant now) {
        ApiResult result = sender(identity.cookies()).send(session.withCsrf(new ApiRequest("DELETE",
                session.endpoint(), List.of(), null)));
        identity.cookies().clear();
        return switch (result) {
            case ApiResult.Response r when r.isSuccess() -> new Outcome.Success(identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.REVOKED, "logged out: the server ended the session")));
            case ApiResult.Response r -> new Outcome.Refused(r.status(), reason(r), identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.FAILED, "logout refused (" + r.status()
                            + "); its cookies are forgotten here")));
            case ApiResult.Failure f -> new Outcome.Failed(f.reason(), identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.FAILED, "logout: " + f.reason()
                            + "; its cookies are forgotten here")));
        };
    }

    // -----------------------------------------------------------------------------------------------------

    private Outcome clientToken(Identity identity, TimelineEvent.Kind kind) {
        Access.Client client = (Access.Client) identity.access();
        return tokenRequest(TokenExchange.clientCredentialsGrant(client.tokenEndpoint(), client.clientId(),
                client.clientSecret(), client.scope(), client.secretInForm()), identity, kind,
                "client credentials grant at " + client.tokenEndpoint());
    }

    private Outcome tokenRequest(ApiRequest request, Identity identity, TimelineEvent.Kind kind, String detail) {
        return tokenRequest(request, identity, kind, detail, null);
    }

    /**
     * Sends a token request; {@code presentedRefresh} is the refresh token a refresh grant sent: a server that
     * rotates answers with a new one, one that does not answers without, and the presented one stays in use.
     */
    private Outcome tokenRequest(ApiRequest request, Identity identity, TimelineEvent.Kind kind, String detail,
                                 String presentedRefresh) {
        Instant now = clock.instant();
        return switch (sender(identity.cookies()).send(request)) {
            case ApiResult.Response r when r.status() == 200 -> TokenExchange.oauthAnswer(r.body())
                    .<Outcome>map(tokens -> {
                        boolean kept = presentedRefresh != null && tokens.refreshToken() == null;
                        String said = presentedRefresh == null ? detail : detail + (kept
                                ? " (the server kept the refresh token)" : " (refresh token rotated)");
                        return new Outcome.Success(identity.withTokens(new TokenSet(tokens.accessToken(),
                                kept ? presentedRefresh : tokens.refreshToken(), now, tokens.expiresAt(now),
                                tokens.scope()), new TimelineEvent(now, kind, said)));
                    })
                    .orElse(new Outcome.Failed("The token endpoint answered without an access_token", identity));
            case ApiResult.Response r -> {
                String reason = r.status() == 404 || r.status() == 405 ? "there is no token endpoint at "
                        + request.url() + " (" + r.status() + "); give the API's own, e.g. /token" : reason(r);
                yield new Outcome.Refused(r.status(), reason, identity.withEvent(
                        new TimelineEvent(now, TimelineEvent.Kind.FAILED, detail + " refused: " + reason)));
            }
            case ApiResult.Failure f -> new Outcome.Failed(f.reason(), identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.FAILED, detail + ": " + f.reason())));
        };
    }

    private ApiClient sender(CookieSession cookies) {
        return cookies == null ? api : api.withCookies(cookies);
    }

    /** Runs {@code use} with the token endpoint (path or URL, blank: the server's own), or says why there is none. */
    private Outcome atTokenEndpoint(String serverUrl, String tokenEndpoint,
                                    java.util.function.Function<String, Outcome> use) {
        String endpoint;
        try {
            endpoint = endpoint(serverUrl, tokenEndpoint);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(e.getMessage(), null);
        }
        return use.apply(endpoint);
    }

    private String endpoint(String serverUrl, String tokenEndpoint) {
        String endpoint = tokenEndpoint == null || tokenEndpoint.isBlank() ? tokenEndpoint(serverUrl)
                : ApiRequest.join(serverUrl, tokenEndpoint.strip());
        ApiRequest.get(endpoint, "");
        return endpoint;
    }

    private static ApiRequest customRequest(String serverUrl, CustomLogin login, String username, String password) {
        String body = login.body() == null ? "" : login.body();
        boolean json = body.strip().startsWith("{") || body.strip().startsWith("[");
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("username") ? username : password;
            value = value == null ? "" : value;
            m.appendReplacement(filled, Matcher.quoteReplacement(json ? jsonEscaped(value)
                    : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        }
        m.appendTail(filled);
        ApiRequest request = ApiRequest.of(login.method() == null || login.method().isBlank() ? "POST"
                : login.method(), serverUrl, login.path());
        if (!body.isBlank()) {
            request = request.withHeader("Content-Type", json ? "application/json"
                    : "application/x-www-form-urlencoded").withBody(filled.toString());
        }
        return request;
    }

    private static String jsonEscaped(String value) {
        try {
            String quoted = Json.mapper().writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(ApiResult.Response response) {
        String reason = TokenExchange.reason(response);
        return reason.isEmpty() ? "HTTP " + response.status() : reason.substring(2);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String jsonObject(Map<String, String> fields) {
        try {
            return Json.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
