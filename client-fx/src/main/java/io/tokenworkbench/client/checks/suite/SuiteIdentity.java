package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenworkbench.client.forge.Recipe;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity a suite sends requests as: one column of the access matrix. Text fields may hold {@code ${variables}}
 * (also setup captures, {@code ${env:NAME}} and {@code ${file:path}}), filled in when the identity is obtained.
 * {@code toString} never shows a secret.
 */
public sealed interface SuiteIdentity {

    /** The column name, e.g. {@code alice} or {@code expired}. */
    String name();

    /**
     * Logs in: the OAuth2 password grant at the token endpoint, or the suite's custom login exchange. The fields are
     * {@code username}, {@code password}, optionally {@code scope}, and any others the custom login uses.
     *
     * @param cookieSession keep the cookies the login sets and send them on this identity's requests
     */
    record Login(String name, Map<String, String> fields, boolean cookieSession) implements SuiteIdentity {
        public Login {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public static Login of(String name, String username, String password, String scope) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("username", username);
            fields.put("password", password);
            if (scope != null) {
                fields.put("scope", scope);
            }
            return new Login(name, fields, false);
        }

        public String username() {
            return fields.get("username");
        }

        public String password() {
            return fields.get("password");
        }

        public String scope() {
            return fields.get("scope");
        }

        @Override
        public String toString() {
            return "Login[" + name + ", " + username() + (scope() == null ? "" : ", scope " + scope())
                    + (cookieSession ? ", cookie session" : "") + "]";
        }
    }

    /**
     * A cookie session from the server's session login ({@code POST /v1/auth/session} unless {@code endpoint} says
     * otherwise): the cookies it sets are kept, and its CSRF token, read from the answer or a cookie, goes in a
     * header on every unsafe request.
     *
     * @param endpoint   path or URL of the session login
     * @param form       send the fields as a form instead of JSON
     * @param csrf       where the CSRF token is: a JSON pointer, {@code cookie:Name} or {@code header:Name};
     *                   {@code none} for a server that wants none
     * @param csrfHeader the header unsafe requests carry it in
     * @param totpSecret base32 TOTP secret: its current code is sent as {@code totp_code}; null for none
     */
    record Session(String name, String username, String password, String totpSecret, String endpoint, boolean form,
                   String csrf, String csrfHeader) implements SuiteIdentity {
        public static final String DEFAULT_ENDPOINT = "/v1/auth/session";
        public static final String DEFAULT_CSRF = "/csrf_token";
        public static final String DEFAULT_CSRF_HEADER = "X-CSRF-Token";

        @Override
        public String toString() {
            return "Session[" + name + ", " + username + " at " + endpoint + "]";
        }
    }

    /**
     * The authorization code flow with PKCE, driven headless: the server's login page is fetched and its form
     * filled as a browser would (no JavaScript), the redirect's code exchanged at the token endpoint.
     *
     * @param redirectUri where the server sends the code; it is never connected to
     * @param totpSecret  base32 TOTP secret for pages that ask for a second factor; null for none
     */
    record AuthorizationCode(String name, String clientId, String redirectUri, String username, String password,
                             String totpSecret, String scope) implements SuiteIdentity {
        /** A loopback redirect, as the built-in {@code token-workbench} client of our backend accepts. */
        public static final String DEFAULT_REDIRECT = "http://127.0.0.1:8976/callback";

        @Override
        public String toString() {
            return "AuthorizationCode[" + name + ", " + clientId + ", " + username + "]";
        }
    }

    /** A token given as it is (or from a variable, e.g. {@code ${captured_token}}). */
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

    /** The OAuth2 client credentials grant (RFC 6749 §4.4). */
    record ClientCredentials(String name, String clientId, String clientSecret, String scope, ClientAuth clientAuth)
            implements SuiteIdentity {
        @Override
        public String toString() {
            return "ClientCredentials[" + name + ", " + clientId + "]";
        }
    }

    /** How a client authenticates at the token endpoint. */
    enum ClientAuth {
        /** HTTP Basic with the URL-encoded id and secret (RFC 6749 §2.3.1), the default. */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        FORM
    }

    /** Starts from a refresh token, exchanged for an access token at the token endpoint (or the custom refresh). */
    record RefreshToken(String name, String refreshToken) implements SuiteIdentity {
        @Override
        public String toString() {
            return "RefreshToken[" + name + "]";
        }
    }

    /** An API key sent in a header or a query parameter. */
    record ApiKey(String name, Placement placement, String parameter, String value) implements SuiteIdentity {
        @Override
        public String toString() {
            return "ApiKey[" + name + ", " + placement.name().toLowerCase(java.util.Locale.ROOT) + " " + parameter + "]";
        }
    }

    /** Where an API key goes. */
    enum Placement { HEADER, QUERY }

    /** HTTP Basic authentication on every request. */
    record Basic(String name, String username, String password) implements SuiteIdentity {
        @Override
        public String toString() {
            return "Basic[" + name + ", " + username + "]";
        }
    }

    /**
     * A token signed with one of the suite's keys.
     *
     * @param key       the name of a key under {@code auth.keys}
     * @param algorithm the JWS algorithm, or null for the key's own (HS256, RS256, ES256…, EdDSA)
     * @param claims    claims to set; a null value removes the claim (e.g. one copied {@code from} another identity)
     * @param header    extra header members, e.g. {@code kid}
     * @param from      an identity whose token's claims are copied first, or null
     * @param expiresIn seconds until {@code exp} (negative: already expired), or null for none set
     */
    record Signed(String name, String key, String algorithm, ObjectNode claims, ObjectNode header, String from,
                  Long expiresIn) implements SuiteIdentity {
    }

    /**
     * A token derived from another identity's, made bad on purpose.
     *
     * @param value  the audience or issuer for {@code audience}/{@code issuer}
     * @param key    the name of the key that re-signs, for {@code expired} and {@code resign}
     * @param set    claims to set for {@code claims} (null value: remove)
     * @param remove claims to remove for {@code claims}
     */
    record Derived(String name, String from, Derivation derivation, String value, String key, ObjectNode set,
                   List<String> remove) implements SuiteIdentity {
        public Derived {
            remove = remove == null ? List.of() : List.copyOf(remove);
        }

        public static Derived of(String name, String from, Derivation derivation) {
            return new Derived(name, from, derivation, null, null, null, List.of());
        }

        public Optional<String> keyName() {
            return Optional.ofNullable(key);
        }
    }

    /** How a derived token is made bad. */
    enum Derivation {
        /** Payload edited (roles admin, superuser) with the original signature kept. */
        TAMPERED("tampered", null),
        /** Claims set or removed with the original signature kept. */
        CLAIMS("claims", null),
        /** Re-issued as an unsecured JWS: header {@code alg: none}, no signature. */
        ALG_NONE("alg-none", null),
        /** The signature removed, the trailing dot kept. */
        STRIPPED("stripped", null),
        /** Re-signed with a freshly generated key of the same type, the original {@code kid} kept. */
        OTHER_KEY("other-key", null),
        /** {@code aud} changed: re-minted properly signed when the source is minted, else edited under the old signature. */
        AUDIENCE("audience", null),
        /** {@code iss} changed, as for {@link #AUDIENCE}. */
        ISSUER("issuer", null),
        /** Expired an hour ago and re-signed with a named key: properly signed, just too old. */
        EXPIRED("expired", null),
        /** The same claims re-signed with a named key. */
        RESIGN("resign", null),
        /** HS256 keyed with the server's RSA or EC public key (from its JWKS) in PEM forms. */
        KEY_CONFUSION("key-confusion", Recipe.KEY_CONFUSION),
        /** Signed with an attacker's key embedded in the header as {@code jwk} (CVE-2018-0114). */
        JWK_HEADER("jwk-header", Recipe.JWK_HEADER),
        /** Signed with an attacker's key published on a loopback port the header's {@code jku} points at. */
        JKU("jku", Recipe.JKU),
        /** {@code kid} pointing at {@code /dev/null} through {@code ../}, HS256 with an empty key. */
        KID_TRAVERSAL("kid-traversal", Recipe.KID_TRAVERSAL),
        /** A SQL-injection {@code kid} with the HMAC key it makes a lookup return. */
        KID_INJECTION("kid-injection", Recipe.KID_INJECTION),
        /** ES256 with r = s = 0 (CVE-2022-21449). */
        PSYCHIC("psychic", Recipe.PSYCHIC),
        /** {@code alg} none, None, NONE and nOnE. */
        NONE_VARIANTS("none-variants", Recipe.NONE_VARIANTS),
        /** HS256 with the empty secret. */
        BLANK_SECRET("blank-secret", Recipe.BLANK_SECRET),
        /** HS256 with each bundled guessable secret. */
        WEAK_SECRET("weak-secret", Recipe.WEAK_SECRET);

        private final String yamlName;
        private final Recipe recipe;

        Derivation(String yamlName, Recipe recipe) {
            this.yamlName = yamlName;
            this.recipe = recipe;
        }

        public String yamlName() {
            return yamlName;
        }

        /** One of the classic attacks, named in cells and reports. */
        public boolean isAttack() {
            return recipe != null;
        }

        /** The attack's recipe, for {@link #isAttack() attacks}. */
        public Optional<Recipe> recipe() {
            return Optional.ofNullable(recipe);
        }

        /** Whether it re-signs with a key the suite names. */
        public boolean needsKey() {
            return this == EXPIRED || this == RESIGN;
        }

        public static Optional<Derivation> fromYaml(String name) {
            return Arrays.stream(values()).filter(d -> d.yamlName.equals(name)).findFirst();
        }

        public static List<String> yamlNames() {
            return Arrays.stream(values()).map(Derivation::yamlName).toList();
        }
    }
}
