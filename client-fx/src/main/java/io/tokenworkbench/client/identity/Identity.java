package io.tokenworkbench.client.identity;

import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.Authorizations;
import io.tokenworkbench.client.http.CookieSession;
import io.tokenworkbench.client.http.Origins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An identity the workbench acts as: a user logged in by a password grant or a login of the API's own, a client,
 * an API key, Basic credentials, a cookie session or a raw token pasted in; with its current tokens, the timeline of
 * what happened to them, and the server it belongs to. Its credentials go to that server's origin only, and to
 * origins the user allowed for it. Immutable; the {@code with…} methods return copies.
 *
 * @param id             stable id within this workbench
 * @param label          what the UI shows, e.g. "alice (posts:read)"
 * @param username       the user, or null (raw token, API key, client)
 * @param scope          the scope asked for, or null
 * @param tokens         the current tokens, or null (logged out, or an identity without tokens)
 * @param timeline       oldest first
 * @param access         how requests prove who it is
 * @param cookies        its session's cookies, or null
 * @param origin         the origin of the server it belongs to, e.g. {@code http://localhost:8080}
 * @param allowedOrigins other origins its credentials may go to
 */
public record Identity(String id, String label, String username, String scope, TokenSet tokens,
                       List<TimelineEvent> timeline, Access access, CookieSession cookies, String origin,
                       Set<String> allowedOrigins) {

    public Identity {
        timeline = List.copyOf(timeline);
        origin = Origins.of(origin);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** A bearer-token identity of the server at {@code serverUrl}, refreshable at {@code tokenEndpoint} (or not: null). */
    public static Identity withTokens(String id, String label, String username, String scope, TokenSet tokens,
                                      List<TimelineEvent> timeline, String serverUrl, String tokenEndpoint) {
        return new Identity(id, label, username, scope, tokens, timeline, new Access.Token(tokenEndpoint), null,
                Origins.of(serverUrl), Set.of());
    }

    public Optional<TokenSet> currentTokens() {
        return Optional.ofNullable(tokens);
    }

    /** A pasted token (or one from a custom login): nothing to refresh it with. */
    public boolean isRawToken() {
        return access instanceof Access.Token(String endpoint) && endpoint == null;
    }

    /** Whether it has something to present: tokens, a key, Basic credentials or a session. */
    public boolean hasCredentials() {
        return switch (access) {
            case Access.Token token -> tokens != null;
            case Access.Client client -> tokens != null;
            case Access.ApiKey key -> true;
            case Access.Basic basic -> true;
            case Access.Session session -> cookies != null && !cookies.isEmpty();
        };
    }

    /** Whether its credentials may go to {@code url}: its own server's origin, or one allowed for it. */
    public boolean sendsTo(String url) {
        String target = Origins.of(url);
        return target.equals(origin) || allowedOrigins.contains(target);
    }

    /**
     * The request as this identity sends it: its token, key or Basic credentials added when the request goes to an
     * origin it may send them to (and carries no Authorization of its own); otherwise unchanged.
     */
    public ApiRequest authorize(ApiRequest request) {
        if (!sendsTo(request.url())) {
            return request;
        }
        return switch (access) {
            case Access.Token token -> bearer(request);
            case Access.Client client -> bearer(request);
            case Access.ApiKey key -> Authorizations.apiKey(request, key.inQuery(), key.name(), key.value());
            case Access.Basic basic -> request.header("Authorization").isPresent() ? request
                    : Authorizations.basic(request, basic.username(), basic.password());
            case Access.Session session -> session.withCsrf(request);
        };
    }

    private ApiRequest bearer(ApiRequest request) {
        return tokens == null || request.header("Authorization").isPresent() ? request
                : request.withBearer(tokens.accessToken());
    }

    public Identity withTokens(TokenSet newTokens, TimelineEvent event) {
        return new Identity(id, label, username, scope, newTokens, append(event), access, cookies, origin,
                allowedOrigins);
    }

    /** The same identity, proving itself another way (a session's CSRF token once its login answered it). */
    public Identity withAccess(Access newAccess) {
        return new Identity(id, label, username, scope, tokens, timeline, newAccess, cookies, origin, allowedOrigins);
    }

    public Identity withEvent(TimelineEvent event) {
        return new Identity(id, label, username, scope, tokens, append(event), access, cookies, origin,
                allowedOrigins);
    }

    /** The same identity, allowed to send its credentials to {@code url}'s origin as well. */
    public Identity allowingOriginOf(String url) {
        Set<String> allowed = new LinkedHashSet<>(allowedOrigins);
        allowed.add(Origins.of(url));
        return new Identity(id, label, username, scope, tokens, timeline, access, cookies, origin, allowed);
    }

    private List<TimelineEvent> append(TimelineEvent event) {
        List<TimelineEvent> events = new ArrayList<>(timeline);
        events.add(event);
        return events;
    }

    @Override
    public String toString() {
        return "Identity[" + label + ", " + access + ", " + origin + "]";
    }
}
