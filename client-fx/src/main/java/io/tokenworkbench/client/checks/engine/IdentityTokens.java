package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Obtains each identity's token: logs in, mints through the dev endpoint, or derives a bad one. */
final class IdentityTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestSender sender;

    IdentityTokens(RequestSender sender) {
        this.sender = sender;
    }

    /** Obtains every identity in order (derived ones after their source); failures become {@code Unavailable}. */
    Map<String, Credential> obtainAll(Iterable<SuiteIdentity> identities, Map<String, SuiteIdentity> byName) {
        Map<String, Credential> credentials = new LinkedHashMap<>();
        for (SuiteIdentity identity : identities) {
            credentials.put(identity.name(), obtain(identity, credentials, byName));
        }
        return credentials;
    }

    /** Obtains one identity's token (derived ones from the already obtained {@code credentials}). */
    Credential obtain(SuiteIdentity identity, Map<String, Credential> credentials, Map<String, SuiteIdentity> byName) {
        return switch (identity) {
            case SuiteIdentity.Login login -> login(login.username(), login.password(), login.scope());
            case SuiteIdentity.RawToken raw -> new Credential.Token(raw.token(), null);
            case SuiteIdentity.Minted minted -> mint(minted, null);
            case SuiteIdentity.Derived derived -> derive(derived, credentials.get(derived.from()), byName);
        };
    }

    Credential login(String username, String password, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        return tokenResponse("logging in as " + username, sender.tokenRequest(form));
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
                    + " answered 404: the server does not mint tokens (is it in dev mode?)");
        }
        return tokenResponse("minting a token for " + minted.username(), result);
    }

    private Credential derive(SuiteIdentity.Derived derived, Credential source, Map<String, SuiteIdentity> byName) {
        if (!(source instanceof Credential.Token token)) {
            return new Credential.Unavailable("its source identity '" + derived.from() + "' has no token"
                    + (source instanceof Credential.Unavailable(String reason) ? " (" + reason + ")" : ""));
        }
        boolean claimChange = derived.derivation() == SuiteIdentity.Derivation.AUDIENCE
                || derived.derivation() == SuiteIdentity.Derivation.ISSUER;
        if (claimChange && byName.get(derived.from()) instanceof SuiteIdentity.Minted minted) {
            ObjectNode claim = JSON.createObjectNode();
            claim.put(derived.derivation() == SuiteIdentity.Derivation.AUDIENCE ? "aud" : "iss",
                    TokenDerivations.orDefault(derived.value()));
            return mint(minted, claim);
        }
        try {
            return new Credential.Token(TokenDerivations.derive(token.accessToken(), derived.derivation(),
                    derived.value()), null);
        } catch (IllegalArgumentException e) {
            return new Credential.Unavailable(e.getMessage());
        }
    }

    private Credential tokenResponse(String what, ApiRequest request) {
        return tokenResponse(what, sender.send(request, null));
    }

    private static Credential tokenResponse(String what, ApiResult result) {
        return switch (result) {
            case ApiResult.Failure failure -> new Credential.Unavailable(what + " failed: " + failure.reason());
            case ApiResult.Response response when response.status() != 200 ->
                    new Credential.Unavailable(what + " answered " + response.status() + describe(response));
            case ApiResult.Response response -> {
                try {
                    JsonNode json = JSON.readTree(response.body());
                    String access = json.path("access_token").asText("");
                    if (access.isEmpty()) {
                        yield new Credential.Unavailable(what + ": the answer has no access_token");
                    }
                    JsonNode refresh = json.get("refresh_token");
                    yield new Credential.Token(access, refresh == null || refresh.isNull() ? null : refresh.asText());
                } catch (IOException e) {
                    yield new Credential.Unavailable(what + ": the answer is not JSON");
                }
            }
        };
    }

    /** ": invalid_grant — The username or password is wrong", from a problem body when there is one. */
    static String describe(ApiResult.Response response) {
        return response.problem().map(p -> {
            String error = p.error().orElse(null);
            String detail = p.detail() != null ? p.detail() : p.title();
            return ": " + (error == null ? "" : error + (detail == null ? "" : " — ")) + (detail == null ? "" : detail);
        }).orElse("");
    }
}
