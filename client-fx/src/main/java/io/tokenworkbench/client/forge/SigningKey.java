package io.tokenworkbench.client.forge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A key a tester holds and signs tokens with: an HMAC secret, or a private RSA, EC or Ed25519 key. Immutable.
 *
 * <pre>{@code
 * SigningKey hs = SigningKey.secret("09d25e094faa…");
 * SigningKey rsa = SigningKey.parse(Format.PEM, Files.readString(Path.of("private.pem")));
 * String token = TokenSigner.sign(header, payload, rsa, rsa.defaultAlgorithm());
 * }</pre>
 */
public sealed interface SigningKey {

    /** The algorithm this key signs with unless told otherwise: HS256, RS256, ES256/384/512 by curve, EdDSA. */
    JWSAlgorithm defaultAlgorithm();

    /** Whether the key can sign with {@code algorithm}. */
    boolean fits(JWSAlgorithm algorithm);

    /** The {@code kid} the key carries, if it is a JWK with one. */
    Optional<String> keyId();

    /** "HMAC secret (32 bytes)", "RSA 2048", "EC P-256", "Ed25519". */
    String describe();

    /** How key text is written. */
    enum Format { SECRET, PEM, JWK }

    /** An HMAC secret. Any length, the empty secret included: testing short and blank secrets is the point. */
    record Secret(byte[] bytes) implements SigningKey {
        public Secret {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public JWSAlgorithm defaultAlgorithm() {
            return JWSAlgorithm.HS256;
        }

        @Override
        public boolean fits(JWSAlgorithm algorithm) {
            return JWSAlgorithm.Family.HMAC_SHA.contains(algorithm);
        }

        @Override
        public Optional<String> keyId() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "HMAC secret (" + bytes.length + " bytes)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Secret secret && Arrays.equals(bytes, secret.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Secret[redacted]";
        }
    }

    /** A private asymmetric key as a nimbus JWK (RSA, EC or OKP Ed25519). */
    record Private(JWK jwk) implements SigningKey {
        public Private {
            if (!jwk.isPrivate()) {
                throw new IllegalArgumentException("this is a public key: signing needs the private key");
            }
            if (!(jwk instanceof RSAKey || jwk instanceof ECKey
                    || jwk instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName()))) {
                throw new IllegalArgumentException("signing keys are RSA, EC or Ed25519, not " + jwk.getKeyType());
            }
        }

        @Override
        public JWSAlgorithm defaultAlgorithm() {
            return switch (jwk) {
                case RSAKey rsa -> JWSAlgorithm.RS256;
                case ECKey ec -> JWSAlgorithm.Family.EC.stream()
                        .filter(alg -> com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(alg).contains(ec.getCurve()))
                        .findFirst().orElse(JWSAlgorithm.ES256);
                default -> JWSAlgorithm.EdDSA;
            };
        }

        @Override
        public boolean fits(JWSAlgorithm algorithm) {
            return switch (jwk) {
                case RSAKey rsa -> JWSAlgorithm.Family.RSA.contains(algorithm);
                case ECKey ec -> JWSAlgorithm.Family.EC.contains(algorithm)
                        && com.nimbusds.jose.jwk.Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve());
                default -> algorithm.equals(JWSAlgorithm.EdDSA) || algorithm.getName().equals("Ed25519");
            };
        }

        @Override
        public Optional<String> keyId() {
            return Optional.ofNullable(jwk.getKeyID());
        }

        @Override
        public String describe() {
            return switch (jwk) {
                case RSAKey rsa -> "RSA " + rsa.size();
                case ECKey ec -> "EC " + ec.getCurve().getName();
                default -> "Ed25519";
            } + (jwk.getKeyID() == null ? "" : ", kid " + jwk.getKeyID());
        }

        /** The public half, e.g. to publish in a JWKS or embed in a header. */
        public JWK publicJwk() {
            return jwk.toPublicJWK();
        }

        @Override
        public String toString() {
            return "Private[" + describe() + "]";
        }
    }

    /** An HMAC secret given as text (its UTF-8 bytes). */
    static SigningKey secret(String text) {
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads key text: a secret as it is, a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), or a private JWK (an
     * {@code oct} JWK is a secret). Throws {@link IllegalArgumentException} with a reason that never quotes the key.
     */
    static SigningKey parse(Format format, String text) {
        if (text == null) {
            throw new IllegalArgumentException("the key is empty");
        }
        return switch (format) {
            case SECRET -> secret(text);
            case PEM -> pem(text);
            case JWK -> jwk(text);
        };
    }

    private static SigningKey pem(String text) {
        if (!text.contains("-----BEGIN")) {
            throw new IllegalArgumentException("not PEM: expected a PEM block (it starts with -----BEGIN) holding a "
                    + "PKCS#8, PKCS#1 RSA or SEC1 EC private key");
        }
        if (text.contains("BEGIN PUBLIC KEY") || text.contains("BEGIN RSA PUBLIC KEY")) {
            throw new IllegalArgumentException("this is a public key: signing needs the private key");
        }
        try {
            JWK jwk = JWK.parseFromPEMEncodedObjects(text);
            return new Private(jwk);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a PEM private key that can be read (PKCS#8, PKCS#1 RSA or SEC1 EC)");
        }
    }

    private static SigningKey jwk(String text) {
        try {
            JWK jwk = JWK.parse(text.strip());
            if (jwk instanceof OctetSequenceKey oct) {
                return new Secret(oct.toByteArray());
            }
            return new Private(jwk);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK: " + e.getMessage().toLowerCase(Locale.ROOT));
        }
    }
}
