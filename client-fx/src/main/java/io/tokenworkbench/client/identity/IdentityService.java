package io.tokenworkbench.client.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.model.auth.TokenResponse;
import io.tokenworkbench.model.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Logs identities in with the password grant, refreshes and logs them out, against any server that speaks the
 * contract. Blocking: call it off the UI thread. Thread-safe. Passwords are used for the one request and never kept.
 */
public final class IdentityService {

    private final ApiClient api;
    private final Clock clock;

    public IdentityService(ApiClient api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** What an attempt to get tokens concluded. */
    public sealed interface Outcome {
        /** Tokens were issued; the identity holds them. */
        record Success(Identity identity) implements Outcome {
        }

        /** The server said no, as the OAuth error or problem says. */
        record Refused(int status, String reason, Identity identity) implements Outcome {
        }

        /** No answer (or no usable answer) from the server. */
        record Failed(String reason, Identity identity) implements Outcome {
        }
    }

    /** Logs a user in; {@code scope} may be null or blank for the user's full permissions. */
    public Outcome login(String serverUrl, String username, String password, String scope) {
        String label = scope == null || scope.isBlank() ? username : username + " (" + scope.strip() + ")";
        Identity identity = new Identity(UUID.randomUUID().toString(), label, username,
                scope == null || scope.isBlank() ? null : scope.strip(), null, List.of());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        if (identity.scope() != null) {
            form.put("scope", identity.scope());
        }
        return tokenRequest(serverUrl, form, identity, TimelineEvent.Kind.ISSUED, "password grant");
    }

    /** An identity for a token obtained elsewhere; it cannot be refreshed. */
    public Identity rawToken(String label, String accessToken, Instant expiresAt) {
        Instant now = clock.instant();
        return new Identity(UUID.randomUUID().toString(), label, null, null,
                new TokenSet(accessToken, null, now, expiresAt, null),
                List.of(new TimelineEvent(now, TimelineEvent.Kind.ISSUED, "raw token pasted")));
    }

    /** Exchanges the refresh token for a new pair (the server rotates it). */
    public Outcome refresh(String serverUrl, Identity identity) {
        String refreshToken = identity.currentTokens().flatMap(TokenSet::refresh).orElse(null);
        if (refreshToken == null) {
            return new Outcome.Refused(0, "This identity has no refresh token", identity);
        }
        return tokenRequest(serverUrl, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                identity, TimelineEvent.Kind.REFRESHED, "refresh token rotated");
    }

    /** Logs out: the server revokes the access token and the refresh family; the identity keeps no tokens. */
    public Outcome logout(String serverUrl, Identity identity) {
        TokenSet tokens = identity.currentTokens().orElse(null);
        if (tokens == null) {
            return new Outcome.Success(identity);
        }
        String body = tokens.refreshToken() == null ? null : jsonObject(Map.of("refresh_token", tokens.refreshToken()));
        ApiRequest request = ApiRequest.of("POST", serverUrl, "/v1/auth/logout").withBearer(tokens.accessToken());
        if (body != null) {
            request = request.withHeader("Content-Type", "application/json").withBody(body);
        }
        Instant now = clock.instant();
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

    private Outcome tokenRequest(String serverUrl, Map<String, String> form, Identity identity,
                                 TimelineEvent.Kind kind, String detail) {
        ApiRequest request;
        try {
            request = ApiRequest.of("POST", serverUrl, "/v1/auth/token")
                    .withHeader("Content-Type", "application/x-www-form-urlencoded")
                    .withHeader("Accept", "application/json")
                    .withBody(form.entrySet().stream()
                            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                            .collect(Collectors.joining("&")));
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(e.getMessage(), identity);
        }
        Instant now = clock.instant();
        return switch (api.send(request)) {
            case ApiResult.Response r when r.status() == 200 -> {
                try {
                    TokenResponse tokens = Json.mapper().readValue(r.body(), TokenResponse.class);
                    if (tokens.accessToken() == null || tokens.accessToken().isBlank()) {
                        yield new Outcome.Failed("The token endpoint answered without an access_token", identity);
                    }
                    TokenSet set = new TokenSet(tokens.accessToken(), tokens.refreshToken(), now,
                            tokens.expiresIn() > 0 ? now.plusSeconds(tokens.expiresIn()) : null, tokens.scope());
                    yield new Outcome.Success(identity.withTokens(set, new TimelineEvent(now, kind, detail)));
                } catch (JsonProcessingException e) {
                    yield new Outcome.Failed("The token endpoint's answer is not a token response", identity);
                }
            }
            case ApiResult.Response r -> {
                String reason = reason(r);
                yield new Outcome.Refused(r.status(), reason, identity.withEvent(
                        new TimelineEvent(now, TimelineEvent.Kind.FAILED, detail + " refused: " + reason)));
            }
            case ApiResult.Failure f -> new Outcome.Failed(f.reason(), identity.withEvent(
                    new TimelineEvent(now, TimelineEvent.Kind.FAILED, detail + ": " + f.reason())));
        };
    }

    private static String reason(ApiResult.Response response) {
        return response.problem()
                .map(problem -> problem.error().map(error -> error + problem.errorDescription().map(d -> ": " + d)
                                .orElse(""))
                        .orElse(problem.detail() != null ? problem.detail() : String.valueOf(problem.title())))
                .orElse("HTTP " + response.status());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String jsonObject(Map<String, String> fields) {
        try {
            return Json.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
