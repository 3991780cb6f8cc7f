package io.tokenworkbench.client.inspector;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.List;

/**
 * Checks a decoded token's signature with nimbus-jose-jwt, against a key set (a server's JWKS or pasted keys,
 * matched by {@code kid}) or an HMAC secret. Stateless and thread-safe.
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /** Verifies with the keys of a JWKS: the key with the token's {@code kid}, or, without a kid, any fitting key. */
    public static SignatureStatus withKeys(DecodedToken token, JWKSet keys, String sourceName) {
        if (token.isUnsecured()) {
            return new SignatureStatus.Unsigned();
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(token.algorithm());
        List<JWK> candidates = token.keyId()
                .map(kid -> keys.getKeys().stream().filter(k -> kid.equals(k.getKeyID())).toList())
                .orElse(keys.getKeys());
        if (candidates.isEmpty()) {
            return new SignatureStatus.NoKey(sourceName + " has no key with kid " + token.keyId().orElse("?"));
        }
        String lastReason = "no key fits " + algorithm;
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = verifierFor(key, algorithm);
                if (verifier == null) {
                    lastReason = "the key (" + key.getKeyType() + ") does not fit " + algorithm;
                    continue;
                }
                if (SignedJWT.parse(token.compact()).verify(verifier)) {
                    return new SignatureStatus.Verified(sourceName + (key.getKeyID() == null ? "" : ", kid " + key.getKeyID()));
                }
                lastReason = "the signature does not match the key" + (key.getKeyID() == null ? "" : " " + key.getKeyID());
            } catch (JOSEException | ParseException e) {
                lastReason = "cannot verify: " + e.getMessage();
            }
        }
        return new SignatureStatus.Invalid(lastReason);
    }

    /** Verifies an HS256/384/512 token with a shared secret (its UTF-8 bytes). */
    public static SignatureStatus withSecret(DecodedToken token, String secret) {
        if (token.isUnsecured()) {
            return new SignatureStatus.Unsigned();
        }
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(JWSAlgorithm.parse(token.algorithm()))) {
            return new SignatureStatus.Invalid("The token is signed with " + token.algorithm()
                    + ", not an HMAC algorithm: a secret cannot verify it");
        }
        return matchesSecret(token, secret.getBytes(StandardCharsets.UTF_8))
                ? new SignatureStatus.Verified("the pasted secret")
                : new SignatureStatus.Invalid("the signature does not match the pasted secret");
    }

    /** True when the HMAC over the signing input with this secret equals the token's signature. */
    static boolean matchesSecret(DecodedToken token, byte[] secret) {
        try {
            SignedJWT jwt = SignedJWT.parse(token.compact());
            if (secret.length >= 32) {
                return jwt.verify(new MACVerifier(secret));
            }
            // nimbus rightly refuses secrets shorter than 256 bits (RFC 7518 §3.2), but the weak-secret check must
            // try exactly those, so their HMAC is computed with the JDK's own Mac.
            if (secret.length == 0) {
                return false;
            }
            Mac mac = Mac.getInstance(macName(jwt.getHeader().getAlgorithm()));
            mac.init(new SecretKeySpec(secret, mac.getAlgorithm()));
            return MessageDigest.isEqual(mac.doFinal(jwt.getSigningInput()), jwt.getSignature().decode());
        } catch (ParseException | JOSEException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String macName(JWSAlgorithm algorithm) {
        return switch (algorithm.getName()) {
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> "HmacSHA256";
        };
    }

    private static JWSVerifier verifierFor(JWK key, JWSAlgorithm algorithm) throws JOSEException {
        if (JWSAlgorithm.Family.RSA.contains(algorithm) && key.getKeyType() == KeyType.RSA) {
            return new RSASSAVerifier((RSAKey) key);
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm) && key.getKeyType() == KeyType.EC) {
            return new ECDSAVerifier((ECKey) key);
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) && key instanceof OctetSequenceKey oct) {
            return new MACVerifier(oct);
        }
        return null;
    }
}
