package io.tokenworkbench.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenworkbench.client.inspector.DecodeResult;
import io.tokenworkbench.client.inspector.Durations;
import io.tokenworkbench.client.inspector.TokenDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * What the identities list says of an identity besides its name: how it proves who it is, the roles and scope its
 * token claims, and how long it has left.
 *
 * @param how    e.g. "OAuth2 token", "API key in the header X-API-Key", "logged out"
 * @param claims e.g. "roles admin · scope posts:read users:read", or empty
 * @param expiry e.g. "expires in 14 min", "expired 3 min ago", or empty
 * @param state  for colouring
 */
public record IdentitySummary(String how, String claims, String expiry, State state) {

    /** Whether the identity can be used now. */
    public enum State { USABLE, EXPIRING, EXPIRED, WITHOUT_CREDENTIALS }

    /** Less than this left counts as expiring. */
    static final Duration EXPIRING = Duration.ofMinutes(1);

    public static IdentitySummary of(Identity identity, Instant now) {
        String how = switch (identity.access()) {
            case Access.Token token when identity.tokens() == null -> "logged out";
            case Access.Token token -> token.tokenEndpoint() == null ? "token (cannot be refreshed)" : "OAuth2 token";
            case Access.Client client -> identity.tokens() == null ? "client, no token" : "client " + client.clientId();
            case Access.ApiKey key -> "API key in the " + (key.inQuery() ? "query" : "header") + " " + key.name();
            case Access.Basic basic -> "HTTP Basic";
            case Access.Session session -> identity.hasCredentials() ? "cookie session" : "session ended";
        };
        if (identity.cookies() != null && !(identity.access() instanceof Access.Session)
                && !identity.cookies().isEmpty()) {
            how += " + cookies";
        }
        if (!identity.hasCredentials()) {
            return new IdentitySummary(how, "", "", State.WITHOUT_CREDENTIALS);
        }
        String claims = identity.currentTokens().map(tokens -> claimsOf(tokens.accessToken())).orElse("");
        Instant expiresAt = identity.currentTokens().map(TokenSet::expiresAt).orElse(null);
        if (expiresAt == null) {
            return new IdentitySummary(how, claims, "", State.USABLE);
        }
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return new IdentitySummary(how, claims, "expired " + Durations.relative(left) + " ago", State.EXPIRED);
        }
        return new IdentitySummary(how, claims, "expires in " + Durations.relative(left),
                left.compareTo(EXPIRING) < 0 ? State.EXPIRING : State.USABLE);
    }

    /** The roles and scope a token claims ({@code roles}; {@code scope}, {@code scopes} or {@code scp}). */
    static String claimsOf(String token) {
        if (!(TokenDecoder.decode(token) instanceof DecodeResult.Decoded(var decoded))) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        words(decoded.payload().get("roles")).ifPresent(roles -> parts.add("roles " + roles));
        for (String name : List.of("scope", "scopes", "scp")) {
            var scope = words(decoded.payload().get(name));
            if (scope.isPresent()) {
                parts.add("scope " + scope.get());
                break;
            }
        }
        return String.join(" · ", parts);
    }

    private static java.util.Optional<String> words(JsonNode node) {
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        String text = node.isArray()
                ? String.join(" ", StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList())
                : node.asText();
        return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text.strip());
    }

    /** One line of everything: "OAuth2 token · roles user · scope posts:read · expires in 14 min". */
    public String line() {
        List<String> parts = new ArrayList<>(List.of(how));
        if (!claims.isEmpty()) {
            parts.add(claims);
        }
        if (!expiry.isEmpty()) {
            parts.add(expiry);
        }
        return String.join(" · ", parts);
    }
}
