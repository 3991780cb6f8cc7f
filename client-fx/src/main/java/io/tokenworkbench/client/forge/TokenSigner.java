package io.tokenworkbench.client.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;

/**
 * Signs a JWS from a header and payload given as JSON, keeping every header member as written (a {@code jku}, an
 * embedded {@code jwk}, an odd {@code kid}): forged tokens must look exactly as the tester means them to. Stateless.
 *
 * <p>RSA and EC signatures come from nimbus. HMAC is computed with the JDK's {@link Mac} because nimbus's
 * {@code MACSigner} refuses secrets shorter than 256 bits, and short or empty secrets are what a tester needs to try.
 * Ed25519 uses the JDK's {@link Signature} because nimbus's {@code Ed25519Signer} needs Google Tink.
 */
public final class TokenSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TokenSigner() {
    }

    /**
     * Signs {@code payload} under {@code header} (whose {@code alg} is set to {@code algorithm}).
     *
     * @throws IllegalArgumentException when the key does not fit the algorithm, with the reason
     */
    public static String sign(ObjectNode header, ObjectNode payload, SigningKey key, JWSAlgorithm algorithm) {
        if (!key.fits(algorithm)) {
            throw new IllegalArgumentException("the key (" + key.describe() + ") cannot sign " + algorithm);
        }
        ObjectNode fullHeader = header.deepCopy();
        fullHeader.put("alg", algorithm.getName());
        String signingInput = encode(fullHeader) + "." + encode(payload);
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] signature = switch (key) {
                case SigningKey.Secret secret -> hmac(algorithm, secret.bytes(), input);
                case SigningKey.Private(RSAKey rsa) ->
                        new RSASSASigner(rsa).sign(new JWSHeader(algorithm), input).decode();
                case SigningKey.Private(ECKey ec) ->
                        new ECDSASigner(ec).sign(new JWSHeader(algorithm), input).decode();
                case SigningKey.Private(OctetKeyPair okp) -> ed25519(okp, input);
                case SigningKey.Private other -> throw new IllegalArgumentException("unsupported key " + other);
            };
            return signingInput + "." + B64.encodeToString(signature);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("signing failed: " + e.getMessage(), e);
        }
    }

    /** {@code header.payload.} with an empty signature, for unsecured ({@code alg: none}-like) tokens. */
    public static String unsigned(ObjectNode header, ObjectNode payload) {
        return encode(header) + "." + encode(payload) + ".";
    }

    /** {@code header.payload.signature} with the signature bytes given as they are. */
    public static String withSignature(ObjectNode header, ObjectNode payload, byte[] signature) {
        return encode(header) + "." + encode(payload) + "." + B64.encodeToString(signature);
    }

    /** Base64url of the JSON text, without padding. */
    public static String encode(ObjectNode json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON", e);
        }
    }

    private static byte[] hmac(JWSAlgorithm algorithm, byte[] secret, byte[] input) throws GeneralSecurityException {
        String name = "Hmac" + switch (algorithm.getName()) {
            case "HS384" -> "SHA384";
            case "HS512" -> "SHA512";
            default -> "SHA256";
        };
        Mac mac = Mac.getInstance(name);
        // RFC 2104 pads a key shorter than the hash's block with zeros, so the empty key is the all-zero block; the
        // JDK refuses an empty SecretKeySpec, so that block stands in for it.
        byte[] key = secret.length == 0 ? new byte[mac.getMacLength() <= 32 ? 64 : 128] : secret;
        mac.init(new SecretKeySpec(key, name));
        return mac.doFinal(input);
    }

    private static byte[] ed25519(OctetKeyPair okp, byte[] input) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, okp.getDecodedD())));
        signer.update(input);
        return signer.sign();
    }
}
