package io.tokenworkbench.server.auth;

import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.user.UserAccount;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The authorization endpoint's decisions (RFC 6749 §4.1, RFC 7636, RFC 9207, RFC 9700): which requests may be
 * answered at all, which are refused back to the client, and the code a successful login sends there.
 */
public final class BrowserLogin {

    /** How long an authorization code may wait for its exchange. */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A valid authorization request, as the login form carries it along. */
    public record Authorization(String clientId, String redirectUri, String state, String scope,
                                String codeChallenge) {
    }

    /** What an authorization request comes to. */
    public sealed interface Checked {
        /** Show the login form. */
        record Valid(Authorization authorization) implements Checked {
        }

        /** Not to be redirected anywhere (unknown client, unregistered redirect URI): say so on the page. */
        record Unsafe(String message) implements Checked {
        }

        /** Refused, and the client is told at its redirect URI. */
        record Refused(String location) implements Checked {
        }
    }

    private final OAuthClients clients;
    private final AuthorizationCodes codes;
    private final Supplier<String> issuer;
    private final Clock clock;

    public BrowserLogin(OAuthClients clients, AuthorizationCodes codes, Supplier<String> issuer, Clock clock) {
        this.clients = clients;
        this.codes = codes;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The request's parameters checked in the order RFC 6749 §4.1.2.1 asks: client and redirect URI first. */
    public Checked check(Map<String, String> parameters) {
        String clientId = parameters.get("client_id");
        String redirectUri = parameters.get("redirect_uri");
        if (clientId == null || !clients.known(clientId)) {
            return new Checked.Unsafe("There is no client '" + (clientId == null ? "" : clientId) + "' here.");
        }
        if (!clients.mayRedirectTo(clientId, redirectUri)) {
            return new Checked.Unsafe("The redirect URI is not registered for " + clientId + ".");
        }
        String state = parameters.get("state");
        if (!"code".equals(parameters.get("response_type"))) {
            return new Checked.Refused(errorLocation(redirectUri, state, "unsupported_response_type",
                    "Only response_type=code is supported"));
        }
        String challenge = parameters.get("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            return new Checked.Refused(errorLocation(redirectUri, state, "invalid_request",
                    "code_challenge is required (PKCE, RFC 7636)"));
        }
        if (!"S256".equals(parameters.get("code_challenge_method")) || !CHALLENGE.matcher(challenge).matches()) {
            return new Checked.Refused(errorLocation(redirectUri, state, "invalid_request",
                    "code_challenge_method must be S256, with a 43-character base64url challenge"));
        }
        return new Checked.Valid(new Authorization(clientId, redirectUri, state, parameters.get("scope"), challenge));
    }

    /** Where the browser goes once the user has logged in: the client, with a code (or invalid_scope). */
    public String approve(Authorization authorization, UserAccount user) {
        String scope;
        try {
            scope = Permissions.formatScope(Permissions.narrow(user.roles(), authorization.scope()));
        } catch (ApiException e) {
            return errorLocation(authorization.redirectUri(), authorization.state(), "invalid_scope", e.detail());
        }
        String code = codes.issue(authorization.clientId(), authorization.redirectUri(),
                authorization.codeChallenge(), user.id(), scope, clock.instant().plus(CODE_LIFETIME));
        return withParameters(authorization.redirectUri(), Map.of("code", code), authorization.state());
    }

    /**
     * The login page's path as browsers reach it: under the public URL's path, so that behind a proxy that serves
     * the API below a prefix the form posts back, and its CSRF cookie comes back, to the same page.
     */
    public String pagePath() {
        String prefix = java.net.URI.create(issuer.get()).getRawPath();
        return (prefix == null ? "" : prefix.replaceAll("/+$", "")) + "/oauth/authorize";
    }

    /** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
    static String challengeOf(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private String errorLocation(String redirectUri, String state, String error, String description) {
        return withParameters(redirectUri, Map.of("error", error, "error_description", description), state);
    }

    /** The redirect URI with the parameters, the state and {@code iss} (RFC 9207) added to its query. */
    private String withParameters(String redirectUri, Map<String, String> parameters, String state) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        parameters.forEach((name, value) -> location.append(name).append('=').append(encode(value)).append('&'));
        if (state != null) {
            location.append("state=").append(encode(state)).append('&');
        }
        return location.append("iss=").append(encode(issuer.get())).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
