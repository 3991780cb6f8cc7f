package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;

/** Writes suite parts back as the YAML tree {@link SuiteParser} reads. */
public final class SuiteWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SuiteWriter() {
    }

    /** The {@code auth} section as it was written (references unresolved), if the suite has one. */
    public static Optional<JsonNode> auth(Auth auth) {
        return Optional.ofNullable(auth.source()).map(JsonNode::deepCopy);
    }

    /** The {@code identities} entry of one identity, e.g. {@code {mint: {username: alice, expires_in: 900}}}. */
    public static ObjectNode identity(SuiteIdentity identity) {
        ObjectNode node = NODES.objectNode();
        switch (identity) {
            case SuiteIdentity.Login login -> {
                ObjectNode body = node.putObject("login");
                login.fields().forEach(body::put);
                if (login.cookieSession()) {
                    node.put("session", "cookie");
                }
            }
            case SuiteIdentity.RawToken raw -> node.put("token", raw.token());
            case SuiteIdentity.Minted minted -> {
                ObjectNode body = node.putObject("mint");
                body.put("username", minted.username());
                body.put("expires_in", minted.expiresInSeconds());
                putIfSet(body, "scope", minted.scope());
                putIfSet(body, "claims", minted.claims());
                putIfSet(body, "header", minted.header());
            }
            case SuiteIdentity.ClientCredentials client -> {
                ObjectNode body = node.putObject("client_credentials");
                body.put("client_id", client.clientId());
                body.put("client_secret", client.clientSecret());
                putIfSet(body, "scope", client.scope());
                if (client.clientAuth() == SuiteIdentity.ClientAuth.FORM) {
                    body.put("client_auth", "form");
                }
            }
            case SuiteIdentity.RefreshToken refresh -> node.put("refresh_token", refresh.refreshToken());
            case SuiteIdentity.ApiKey key -> {
                ObjectNode body = node.putObject("api_key");
                body.put(key.placement().name().toLowerCase(Locale.ROOT), key.parameter());
                body.put("value", key.value());
            }
            case SuiteIdentity.Basic basic -> {
                ObjectNode body = node.putObject("basic");
                body.put("username", basic.username());
                body.put("password", basic.password());
            }
            case SuiteIdentity.AuthorizationCode code -> {
                ObjectNode body = node.putObject("authorization_code");
                body.put("client_id", code.clientId());
                if (!code.redirectUri().equals(SuiteIdentity.AuthorizationCode.DEFAULT_REDIRECT)) {
                    body.put("redirect_uri", code.redirectUri());
                }
                body.put("username", code.username());
                body.put("password", code.password());
                putIfSet(body, "totp_secret", code.totpSecret());
                putIfSet(body, "scope", code.scope());
            }
            case SuiteIdentity.Session session -> {
                ObjectNode body = node.putObject("session");
                body.put("username", session.username());
                body.put("password", session.password());
                putIfSet(body, "totp_secret", session.totpSecret());
                if (!session.endpoint().equals(SuiteIdentity.Session.DEFAULT_ENDPOINT)) {
                    body.put("endpoint", session.endpoint());
                }
                if (session.form()) {
                    body.put("format", "form");
                }
                if (!session.csrf().equals(SuiteIdentity.Session.DEFAULT_CSRF)) {
                    body.put("csrf", session.csrf());
                }
                if (!session.csrfHeader().equals(SuiteIdentity.Session.DEFAULT_CSRF_HEADER)) {
                    body.put("csrf_header", session.csrfHeader());
                }
            }
            case SuiteIdentity.Signed signed -> {
                ObjectNode body = node.putObject("sign");
                body.put("key", signed.key());
                putIfSet(body, "alg", signed.algorithm());
                putIfSet(body, "from", signed.from());
                putIfSet(body, "claims", signed.claims());
                putIfSet(body, "header", signed.header());
                if (signed.expiresIn() != null) {
                    body.put("expires_in", signed.expiresIn());
                }
            }
            case SuiteIdentity.Derived derived -> {
                ObjectNode body = node.putObject("derive");
                body.put("from", derived.from());
                body.put("kind", derived.derivation().yamlName());
                putIfSet(body, "value", derived.value());
                putIfSet(body, "key", derived.key());
                putIfSet(body, "set", derived.set());
                if (!derived.remove().isEmpty()) {
                    derived.remove().forEach(body.putArray("remove")::add);
                }
            }
        }
        return node;
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void putIfSet(ObjectNode body, String field, JsonNode value) {
        if (value != null) {
            body.set(field, value);
        }
    }
}
