package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes suite parts back as the YAML tree {@link SuiteParser} reads. */
public final class SuiteWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SuiteWriter() {
    }

    /** The {@code identities} entry of one identity, e.g. {@code {mint: {username: alice, expires_in: 900}}}. */
    public static ObjectNode identity(SuiteIdentity identity) {
        ObjectNode node = NODES.objectNode();
        switch (identity) {
            case SuiteIdentity.Login login -> {
                ObjectNode body = node.putObject("login");
                body.put("username", login.username());
                body.put("password", login.password());
                if (login.scope() != null) {
                    body.put("scope", login.scope());
                }
            }
            case SuiteIdentity.RawToken raw -> node.put("token", raw.token());
            case SuiteIdentity.Minted minted -> {
                ObjectNode body = node.putObject("mint");
                body.put("username", minted.username());
                body.put("expires_in", minted.expiresInSeconds());
                if (minted.scope() != null) {
                    body.put("scope", minted.scope());
                }
                if (minted.claims() != null) {
                    body.set("claims", minted.claims());
                }
                if (minted.header() != null) {
                    body.set("header", minted.header());
                }
            }
            case SuiteIdentity.Derived derived -> {
                ObjectNode body = node.putObject("derive");
                body.put("from", derived.from());
                body.put("kind", derived.derivation().yamlName());
                if (derived.value() != null) {
                    body.put("value", derived.value());
                }
            }
        }
        return node;
    }
}
