package io.tokenworkbench.client.identity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authorization code request with PKCE (RFC 6749 §4.1, RFC 7636 S256): the URL the browser (or the headless
 * login) is sent to, the check of the redirect that comes back (state, and {@code iss} per RFC 9207), and the token
 * request that exchanges its code. The verifier and state are random and never leave this object but in the
 * exchange. Immutable.
 */
public record AuthorizationRequest(String authorizationEndpoint, String clientId, String redirectUri, String scope,
                                   String state, String verifier) {

    /** A fresh request: new state and verifier. */
    public static AuthorizationRequest start(String authorizationEndpoint, String clientId, String redirectUri,
                                             String scope) {
        return new AuthorizationRequest(authorizationEndpoint, clientId, redirectUri,
                scope == null || scope.isBlank() ? null : scope.strip(), Pkce.verifier(), Pkce.verifier());
    }

    /** The authorization URL with {@code response_type=code}, the client, redirect, state, scope and challenge. */
    public String url() {
        Map<String, String> ask = new LinkedHashMap<>();
        ask.put("response_type", "code");
        ask.put("client_id", clientId);
        ask.put("redirect_uri", redirectUri);
        ask.put("state", state);
        ask.put("code_challenge", Pkce.challenge(verifier));
        ask.put("code_challenge_method", "S256");
        if (scope != null) {
            ask.put("scope", scope);
        }
        return authorizationEndpoint + (authorizationEndpoint.contains("?") ? "&" : "?") + TokenExchange.formBody(ask);
    }

    /** What the redirect back came to. */
    public sealed interface Answer {
        /** A code to exchange. */
        record Code(String code) implements Answer {
        }

        /** The authorization server refused, and said so at the redirect URI. */
        record Refused(String reason) implements Answer {
        }

        /** The redirect cannot be trusted or used (wrong state or issuer, no code). */
        record Unusable(String reason) implements Answer {
        }
    }

    /**
     * The redirect's query parameters checked: the state must be this request's, and {@code iss}, when the redirect
     * carries one and the issuer is known, the expected issuer.
     */
    public Answer check(Map<String, String> redirect, String expectedIssuer) {
        if (!state.equals(redirect.get("state"))) {
            return new Answer.Unusable("The redirect's state is not the one this login sent: refused, it may be forged");
        }
        if (expectedIssuer != null && redirect.containsKey("iss") && !expectedIssuer.equals(redirect.get("iss"))) {
            return new Answer.Unusable("The redirect comes from issuer " + redirect.get("iss") + ", not "
                    + expectedIssuer + " (RFC 9207): refused");
        }
        if (redirect.containsKey("error")) {
            return new Answer.Refused(redirect.get("error") + (redirect.containsKey("error_description")
                    ? ": " + redirect.get("error_description") : ""));
        }
        String code = redirect.get("code");
        return code == null || code.isBlank() ? new Answer.Unusable("The redirect carries no code")
                : new Answer.Code(code);
    }

    /** The token request's form that exchanges the code (RFC 6749 §4.1.3 with the verifier, RFC 7636 §4.5). */
    public Map<String, String> exchange(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("code_verifier", verifier);
        return form;
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[" + authorizationEndpoint + ", " + clientId + ", " + redirectUri + "]";
    }
}
