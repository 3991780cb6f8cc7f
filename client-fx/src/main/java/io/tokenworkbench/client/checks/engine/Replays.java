package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.suite.Replay;
import io.tokenworkbench.client.checks.suite.StatusSet;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.identity.AuthorizationRequest;
import io.tokenworkbench.client.identity.Pkce;
import io.tokenworkbench.client.identity.TokenExchange;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries out replay steps: obtains tokens, causes the event that must invalidate them (logout, refresh rotation,
 * password reset, user deletion), presents the old tokens again and expects them refused. Password resets and
 * deletions use a throwaway account registered for the purpose, never one of the suite's identities.
 */
final class Replays {

    static final String FRESH_USER = "fresh user";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESET_TOKEN = Pattern.compile("(?m)^\\s*([A-Za-z0-9_-]{20,})\\s*$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RequestSender sender;
    private final Identities identities;
    private final String runId;
    private final RunListener listener;
    private final AtomicInteger throwaways = new AtomicInteger();

    Replays(RequestSender sender, Identities identities, String runId, RunListener listener) {
        this.sender = sender;
        this.identities = identities;
        this.runId = runId;
        this.listener = listener;
    }

    /** How many cells a replay step produces. */
    static int rowsOf(Replay replay) {
        return switch (replay.event()) {
            case DELETE_USER -> 1;
            case LOGOUT, REFRESH -> 2;
            case PASSWORD_RESET -> 3;
            case SESSION -> 4;
            case AUTHORIZATION_CODE -> 6;
        };
    }

    List<RowResult> run(Replay replay) {
        List<RowResult> rows = switch (replay.event()) {
            case LOGOUT -> logout(replay);
            case REFRESH -> refresh(replay);
            case PASSWORD_RESET -> passwordReset(replay);
            case DELETE_USER -> deleteUser(replay);
            case AUTHORIZATION_CODE -> authorizationCode(replay);
            case SESSION -> session(replay);
        };
        rows.forEach(row -> row.cells().values().forEach(cell -> listener.cellDone(cell, 0)));
        return rows;
    }

    /** A fresh session of the user, as the replay says to obtain it. */
    private Credential session(Replay replay, String username, String password) {
        return replay.session() == Replay.Session.DEV_MINT ? identities.mintedSession(username)
                : identities.passwordGrant(username, password, null);
    }

    private List<RowResult> logout(Replay replay) {
        String column = replay.username();
        String access = replay.name() + ": access token after logout";
        String refresh = replay.name() + ": refresh token after logout";
        Credential session = session(replay, replay.username(), replay.password());
        if (!(session instanceof Credential.Bearer token) || token.refreshToken() == null) {
            return errors(column, "logging in for the replay failed: " + reason(session), access, refresh);
        }
        ApiResult out = sender.send(sender.json("POST", "/v1/auth/logout",
                Map.of("refresh_token", token.refreshToken()), token.token()), StatusSet.of(204));
        if (!(out instanceof ApiResult.Response r) || r.status() != 204) {
            return errors(column, "the logout itself did not succeed: " + RequestSender.describe(out), access,
                    refresh);
        }
        return List.of(
                replayed(access, column, ApiRequest.get(sender.server(), "/protected").withBearer(token.token()),
                        StatusSet.of(401)),
                replayed(refresh, column, refreshRequest(token.refreshToken()), StatusSet.of(401)));
    }

    private List<RowResult> refresh(Replay replay) {
        String column = replay.username();
        String spent = replay.name() + ": spent refresh token presented again";
        String successor = replay.name() + ": its successor after the reuse (family revoked)";
        Credential session = session(replay, replay.username(), replay.password());
        if (!(session instanceof Credential.Bearer token) || token.refreshToken() == null) {
            return errors(column, "logging in for the replay failed: " + reason(session), spent, successor);
        }
        ApiResult rotated = sender.send(refreshRequest(token.refreshToken()), StatusSet.of(200));
        Optional<String> next = field(rotated, "refresh_token");
        if (next.isEmpty()) {
            return errors(column, "the refresh itself did not succeed: " + RequestSender.describe(rotated), spent,
                    successor);
        }
        RowResult first = replayed(spent, column, refreshRequest(token.refreshToken()), StatusSet.of(401));
        RowResult second = replayed(successor, column, refreshRequest(next.get()), StatusSet.of(401));
        return List.of(first, second);
    }

    private List<RowResult> passwordReset(Replay replay) {
        String refresh = replay.name() + ": refresh token after the reset";
        String reused = replay.name() + ": reset token used a second time";
        String cookie = replay.name() + ": cookie session after the reset";
        Optional<Throwaway> user = register();
        if (user.isEmpty()) {
            return errors(FRESH_USER, "registering a throwaway user failed", refresh, reused, cookie);
        }
        Credential session = session(replay, user.get().username(), user.get().password());
        if (!(session instanceof Credential.Bearer token) || token.refreshToken() == null) {
            return errors(FRESH_USER, "logging in as the throwaway user failed: " + reason(session), refresh, reused,
                    cookie);
        }
        Credential cookies = cookieSession(user.get().username(), user.get().password());
        ApiResult requested = sender.send(sender.json("POST", "/v1/auth/password-reset/request",
                Map.of("email", user.get().email()), null), StatusSet.of(202));
        if (!(requested instanceof ApiResult.Response r) || r.status() != 202) {
            return errors(FRESH_USER, "asking for the reset failed: " + RequestSender.describe(requested), refresh,
                    reused);
        }
        Optional<String> resetToken = resetTokenFor(user.get().email());
        if (resetToken.isEmpty()) {
            return errors(FRESH_USER, "no reset mail for the throwaway user in /v1/dev/outbox (dev mode off?)",
                    refresh, reused);
        }
        Map<String, String> confirm = Map.of("token", resetToken.get(), "new_password", strongPassword());
        ApiResult confirmed = sender.send(sender.json("POST", "/v1/auth/password-reset/confirm", confirm, null),
                StatusSet.of(204));
        if (!(confirmed instanceof ApiResult.Response c) || c.status() != 204) {
            return errors(FRESH_USER, "confirming the reset failed: " + RequestSender.describe(confirmed), refresh,
                    reused);
        }
        List<RowResult> rows = List.of(replayed(refresh, FRESH_USER, refreshRequest(token.refreshToken()),
                        StatusSet.of(401)),
                replayed(reused, FRESH_USER, sender.json("POST", "/v1/auth/password-reset/confirm",
                        Map.of("token", resetToken.get(), "new_password", strongPassword()), null), StatusSet.of(400)),
                cookies instanceof Credential.Cookies ? replayed(cookie, FRESH_USER, ApiRequest.get(sender.server(),
                        "/v1/users/me"), StatusSet.of(401), cookies, OLD_STILL_WORKS)
                        : errors(FRESH_USER, "logging in to a session failed: " + reason(cookies), cookie).getFirst());
        removeThrowaway(replay, user.get());
        return rows;
    }

    /** With {@code by}, the throwaway user of a password-reset replay is deleted afterwards: nothing is left behind. */
    private void removeThrowaway(Replay replay, Throwaway user) {
        if (replay.by() != null && identities.obtained().get(replay.by()) instanceof Credential.Bearer admin) {
            sender.send(ApiRequest.of("DELETE", sender.server(), "/v1/users/" + user.id()).withBearer(admin.token()),
                    StatusSet.of(204));
        }
    }

    private List<RowResult> deleteUser(Replay replay) {
        String access = replay.name() + ": access token after the user was deleted";
        Credential deleter = identities.obtained().get(replay.by());
        if (!(deleter instanceof Credential.Bearer admin)) {
            return errors(FRESH_USER, "no token for '" + replay.by() + "', who would delete the user", access);
        }
        Optional<Throwaway> user = register();
        if (user.isEmpty()) {
            return errors(FRESH_USER, "registering a throwaway user failed", access);
        }
        Credential session = session(replay, user.get().username(), user.get().password());
        if (!(session instanceof Credential.Bearer token)) {
            return errors(FRESH_USER, "logging in as the throwaway user failed: " + reason(session), access);
        }
        ApiResult deleted = sender.send(ApiRequest.of("DELETE", sender.server(), "/v1/users/" + user.get().id())
                .withBearer(admin.token()), StatusSet.of(204));
        if (!(deleted instanceof ApiResult.Response d) || d.status() != 204) {
            return errors(FRESH_USER, "deleting the user as '" + replay.by() + "' failed: "
                    + RequestSender.describe(deleted),
                    access);
        }
        return List.of(replayed(access, FRESH_USER,
                ApiRequest.get(sender.server(), "/v1/users/me").withBearer(token.token()), StatusSet.of(401)));
    }

    // --- the browser login and cookie sessions of our backend ---------------------------------------------

    private static final String OLD_STILL_WORKS = "the old token still works";

    /**
     * The browser login of an {@code authorization_code} identity ({@code by}): its code presented again must be
     * refused and must end the tokens it issued (RFC 6749 §4.1.2); a new code with another verifier must be refused
     * (RFC 7636 §4.6); and the authorization page must refuse an unregistered redirect URI on the page, and a request
     * without S256 back to the client. Only two token requests: the token endpoint allows 10 a minute.
     */
    private List<RowResult> authorizationCode(Replay replay) {
        String column = replay.by();
        String again = replay.name() + ": the code exchanged a second time";
        String revoked = replay.name() + ": the access token of a code exchanged twice";
        String verifier = replay.name() + ": a code with another code_verifier";
        String foreign = replay.name() + ": an unregistered redirect URI";
        String noPkce = replay.name() + ": no PKCE challenge";
        String plain = replay.name() + ": code_challenge_method plain";
        List<RowResult> rows = new ArrayList<>();
        Optional<ApiRequest> exchange = identities.codeExchangeOf(column);
        Credential credential = identities.obtained().get(column);
        if (exchange.isEmpty() || !(credential instanceof Credential.Bearer token)) {
            rows.addAll(errors(column, "'" + column + "' has no code to present again: " + reason(credential), again,
                    revoked));
        } else {
            rows.add(replayed(again, column, exchange.get(), StatusSet.of(400), new Credential.None(),
                    "the code was accepted a second time"));
            rows.add(replayed(revoked, column, ApiRequest.get(sender.server(), "/v1/users/me")
                    .withBearer(token.token()), StatusSet.of(401), new Credential.None(),
                    "what the code issued survives its second use"));
        }
        SuiteIdentity.AuthorizationCode identity = identities.authorizationCodeIdentity(column).orElseThrow();
        Identities.SignInResult second = identities.signIn(identity.clientId(), identity.redirectUri(),
                identity.username(), identity.password(), identity.totpSecret(), identity.scope());
        if (second.signedIn() == null) {
            rows.addAll(errors(column, second.failure(), verifier));
        } else {
            Map<String, String> form = second.signedIn().request().exchange(second.signedIn().code());
            form.put("code_verifier", Pkce.verifier());
            rows.add(replayed(verifier, column, identities.tokenRequest(form), StatusSet.of(400),
                    new Credential.None(), "a code was exchanged with another code_verifier"));
        }
        rows.add(authorizePage(foreign, column, identity, Map.of("redirect_uri", "https://evil.example/callback"),
                StatusSet.of(400), null));
        rows.add(authorizePage(noPkce, column, identity, Map.of("code_challenge", "", "code_challenge_method", ""),
                StatusSet.of(302), "error=invalid_request"));
        rows.add(authorizePage(plain, column, identity, Map.of("code_challenge_method", "plain"), StatusSet.of(302),
                "error=invalid_request"));
        return rows;
    }

    /**
     * The authorization page asked with some parameters changed (an empty value leaves the parameter out); a 302
     * must send the client an error, never a code, and a 400 must not redirect at all.
     */
    private RowResult authorizePage(String name, String column, SuiteIdentity.AuthorizationCode identity,
                                    Map<String, String> changed, StatusSet expected, String locationMustContain) {
        String endpoint = identities.authorizationEndpoint().orElse(ApiRequest.join(sender.server(), "/oauth/authorize"));
        AuthorizationRequest request = AuthorizationRequest.start(endpoint, identity.clientId(), identity.redirectUri(),
                null);
        Map<String, String> query = new LinkedHashMap<>(TokenExchange.formFields(
                java.net.URI.create(request.url()).getRawQuery()));
        changed.forEach((key, value) -> {
            if (value.isEmpty()) {
                query.remove(key);
            } else {
                query.put(key, value);
            }
        });
        ApiRequest page = new ApiRequest("GET", endpoint + "?" + io.tokenworkbench.client.identity.TokenExchange
                .formBody(query), List.of(), null);
        ApiResult result = sender.send(page, expected);
        Exchange exchange = sender.record(page, result);
        if (!(result instanceof ApiResult.Response response)) {
            return row(name, column, page, new CellResult(name, column, expected, 0, Outcome.ERROR,
                    ((ApiResult.Failure) result).reason(), exchange));
        }
        String location = response.header("Location").orElse("");
        String problem = !expected.matches(response.status()) ? "expected " + expected + ", got " + response.status()
                : locationMustContain == null && !location.isEmpty() ? "it redirects to " + location
                : locationMustContain != null && (!location.contains(locationMustContain) || location.contains("code="))
                ? "the redirect does not refuse: " + location : "";
        return row(name, column, page, new CellResult(name, column, expected, response.status(),
                problem.isEmpty() ? Outcome.PASS : Outcome.FAIL, problem, exchange));
    }

    private List<RowResult> session(Replay replay) {
        String column = replay.username();
        String read = replay.name() + ": a read with the session";
        String withoutCsrf = replay.name() + ": an unsafe request without the CSRF token";
        String withCsrf = replay.name() + ": the same request with it";
        String afterLogout = replay.name() + ": the session after logout";
        Credential session = cookieSession(replay.username(), replay.password());
        if (!(session instanceof Credential.Cookies cookies)) {
            return errors(column, "logging in to a session failed: " + reason(session), read, withoutCsrf, withCsrf,
                    afterLogout);
        }
        ApiRequest post = sender.json("POST", "/v1/posts", Map.of("title", "By session " + runId, "content", "x"),
                null);
        List<RowResult> rows = new ArrayList<>();
        rows.add(replayed(read, column, ApiRequest.get(sender.server(), "/v1/users/me"), StatusSet.of(200), cookies,
                "the session is refused"));
        rows.add(replayed(withoutCsrf, column, post, StatusSet.of(403), cookies, "accepted without the CSRF token"));
        RowResult created = replayed(withCsrf, column, cookies.authorize(post), StatusSet.of(201), cookies,
                "refused with the CSRF token");
        rows.add(created);
        created.cells().values().stream().map(CellResult::exchange).filter(java.util.Objects::nonNull)
                .map(Exchange::responseBody).map(body -> field(body, "id")).flatMap(Optional::stream).findFirst()
                .ifPresent(id -> sender.send(cookies.authorize(ApiRequest.of("DELETE", sender.server(),
                        "/v1/posts/" + id)), StatusSet.of(204), cookies, true));
        ApiResult out = sender.send(cookies.authorize(ApiRequest.of("DELETE", sender.server(), "/v1/auth/session")),
                StatusSet.of(204), cookies, true);
        rows.add(out instanceof ApiResult.Response r && r.status() == 204
                ? replayed(afterLogout, column, ApiRequest.get(sender.server(), "/v1/users/me"), StatusSet.of(401),
                cookies, OLD_STILL_WORKS)
                : errors(column, "the logout itself did not succeed: " + RequestSender.describe(out), afterLogout)
                .getFirst());
        return rows;
    }

    private Credential cookieSession(String username, String password) {
        return identities.sessionLogin(username, password, null,
                SuiteIdentity.Session.DEFAULT_ENDPOINT, false,
                SuiteIdentity.Session.DEFAULT_CSRF,
                SuiteIdentity.Session.DEFAULT_CSRF_HEADER);
    }

    private static RowResult row(String name, String column, ApiRequest request, CellResult cell) {
        return new RowResult(name, request.method() + " " + RequestSender.pathOf(request), true, Map.of(column, cell));
    }

    private RowResult replayed(String name, String column, ApiRequest request, StatusSet expected) {
        return replayed(name, column, request, expected, new Credential.None(), OLD_STILL_WORKS);
    }

    /** Sends as the credential (its cookies, if any; the request as given) and compares the status. */
    private RowResult replayed(String name, String column, ApiRequest request, StatusSet expected,
                               Credential credential, String whenWrong) {
        ApiResult result = sender.send(request, expected, credential, true);
        Exchange exchange = sender.record(request, result);
        CellResult cell = switch (result) {
            case ApiResult.Failure failure -> new CellResult(name, column, expected, 0, Outcome.ERROR,
                    failure.reason(), exchange);
            case ApiResult.Response response when expected.matches(response.status()) ->
                    new CellResult(name, column, expected, response.status(), Outcome.PASS, "", exchange);
            case ApiResult.Response response -> new CellResult(name, column, expected, response.status(),
                    Outcome.FAIL, whenWrong + ": expected " + expected + ", got " + response.status(), exchange);
        };
        return new RowResult(name, request.method() + " " + RequestSender.pathOf(request), true,
                Map.of(column, cell));
    }

    private ApiRequest refreshRequest(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return identities.tokenRequest(form);
    }

    private record Throwaway(long id, String username, String email, String password) {
        @Override
        public String toString() {
            return "Throwaway[" + username + "]";
        }
    }

    private Optional<Throwaway> register() {
        String username = "twb_" + runId + "_" + throwaways.incrementAndGet();
        String email = username + "@example.com";
        String password = strongPassword();
        ApiResult result = sender.send(sender.json("POST", "/v1/auth/register",
                Map.of("username", username, "email", email, "password", password), null), StatusSet.of(201));
        return field(result, "id").map(id -> new Throwaway(Long.parseLong(id), username, email, password));
    }

    private Optional<String> resetTokenFor(String email) {
        ApiResult outbox = sender.send(ApiRequest.get(sender.server(), "/v1/dev/outbox"), StatusSet.of(200));
        if (!(outbox instanceof ApiResult.Response response) || response.status() != 200) {
            return Optional.empty();
        }
        try {
            for (JsonNode mail : JSON.readTree(response.body())) {
                if (email.equalsIgnoreCase(mail.path("to").asText())) {
                    Matcher m = RESET_TOKEN.matcher(mail.path("body").asText());
                    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> field(String body, String name) {
        try {
            JsonNode value = body == null ? null : JSON.readTree(body).get(name);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(ApiResult result, String name) {
        if (!(result instanceof ApiResult.Response response) || !response.isSuccess()) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(response.body()).get(name);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String strongPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "twb-" + HexFormat.of().formatHex(bytes);
    }

    private static String reason(Credential credential) {
        return credential instanceof Credential.Unavailable(String reason) ? reason : "no refresh token was issued";
    }


    private static List<RowResult> errors(String column, String reason, String... names) {
        List<RowResult> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new RowResult(name, "", true, Map.of(column,
                    new CellResult(name, column, StatusSet.of(401), 0, Outcome.ERROR, reason, null))));
        }
        return rows;
    }
}
