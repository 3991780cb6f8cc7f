package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An identity a suite sends requests as: one column of the access matrix. */
public sealed interface SuiteIdentity {

    /** The column name, e.g. {@code alice} or {@code expired}. */
    String name();

    /** Logs in with the OAuth2 password grant, optionally asking for a narrower scope. */
    record Login(String name, String username, String password, String scope) implements SuiteIdentity {
        @Override
        public String toString() {
            return "Login[" + name + ", " + username + (scope == null ? "" : ", scope " + scope) + "]";
        }
    }

    /** A token given as it is. */
    record RawToken(String name, String token) implements SuiteIdentity {
        @Override
        public String toString() {
            return "RawToken[" + name + "]";
        }
    }

    /**
     * A token minted by the dev-mode endpoint {@code POST /v1/dev/tokens}: properly signed, with any lifetime
     * (negative means already expired), scope, claims and header overrides.
     */
    record Minted(String name, String username, long expiresInSeconds, String scope, ObjectNode claims,
                  ObjectNode header) implements SuiteIdentity {
    }

    /** A token derived from another identity's, made bad on purpose. */
    record Derived(String name, String from, Derivation derivation, String value) implements SuiteIdentity {
    }

    /** How a derived token is made bad. */
    enum Derivation {
        /** Payload edited (roles admin, superuser) with the original signature kept. */
        TAMPERED("tampered"),
        /** Re-issued as an unsecured JWS: header {@code alg: none}, no signature. */
        ALG_NONE("alg-none"),
        /** The signature removed, the trailing dot kept. */
        STRIPPED("stripped"),
        /** Re-signed with a freshly generated key of the same type, the original {@code kid} kept. */
        OTHER_KEY("other-key"),
        /** {@code aud} changed: re-minted properly signed when the source is minted, else edited under the old signature. */
        AUDIENCE("audience"),
        /** {@code iss} changed, as for {@link #AUDIENCE}. */
        ISSUER("issuer");

        private final String yamlName;

        Derivation(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static java.util.Optional<Derivation> fromYaml(String name) {
            return java.util.Arrays.stream(values()).filter(d -> d.yamlName.equals(name)).findFirst();
        }
    }
}
