package io.tokenworkbench.client.inspector;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;

/**
 * Keys a person pastes to verify a token with: a JWKS, a single JWK, or a PEM public key ({@code -----BEGIN PUBLIC
 * KEY-----}, RSA or EC). The PEM is read with the JDK ({@code X509EncodedKeySpec}), since nimbus's PEM parser needs
 * BouncyCastle. Stateless.
 */
public final class VerificationKeys {

    private VerificationKeys() {
    }

    /** Parses pasted key text into a key set; throws {@link IllegalArgumentException} with a readable reason. */
    public static JWKSet parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Paste a JWKS, a JWK or a PEM public key");
        }
        try {
            if (trimmed.startsWith("{")) {
                return trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a valid JWK or JWKS: " + e.getMessage());
        }
        if (trimmed.contains("-----BEGIN PUBLIC KEY-----")) {
            return new JWKSet(List.of(pem(trimmed)));
        }
        if (trimmed.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("That is a private key: paste the public key (never share a private key)");
        }
        throw new IllegalArgumentException("Not a JWKS, a JWK or a PEM public key");
    }

    private static JWK pem(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The PEM body is not base64");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                return switch (key) {
                    case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
                    case ECPublicKey ec -> new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
                            .build();
                    default -> throw new IllegalArgumentException("Unsupported key type " + key.getAlgorithm());
                };
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("The PEM is not an RSA or EC public key");
    }
}
