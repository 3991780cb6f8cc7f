package io.tokenworkbench.client.inspector;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureVerifierTest {

    /** RFC 7515 A.1's HMAC key. */
    private static final String RFC7515_A1_KEY = """
            {"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}""";

    @Test
    void rfc7515HmacExampleVerifiesWithItsKey() {
        DecodedToken token = decode(TokenDecoderTest.RFC7515_A1);

        assertInstanceOf(SignatureStatus.Verified.class,
                SignatureVerifier.withKeys(token, VerificationKeys.parse(RFC7515_A1_KEY), "pasted JWK"));
    }

    @Test
    void rfc7515UnsecuredExampleIsUnsigned() {
        assertInstanceOf(SignatureStatus.Unsigned.class, SignatureVerifier.withKeys(decode(TokenDecoderTest.RFC7515_A5),
                new JWKSet(), "server JWKS"));
    }

    @Test
    void rsaTokensVerifyByKidAndFailWhenTampered() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String token = sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build());
        JWKSet jwks = new JWKSet(key.toPublicJWK());

        assertInstanceOf(SignatureStatus.Verified.class, SignatureVerifier.withKeys(decode(token), jwks, "server JWKS"));

        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"1\",\"admin\":true}".getBytes()) + "." + parts[2];
        assertInstanceOf(SignatureStatus.Invalid.class, SignatureVerifier.withKeys(decode(tampered), jwks, "server JWKS"));

        RSAKey other = new RSAKeyGenerator(2048).keyID("k2").generate();
        assertInstanceOf(SignatureStatus.NoKey.class,
                SignatureVerifier.withKeys(decode(token), new JWKSet(other.toPublicJWK()), "server JWKS"));
    }

    @Test
    void pemPublicKeysAreAccepted() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String token = sign(key, new JWSHeader.Builder(JWSAlgorithm.ES256).build());
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toECPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertInstanceOf(SignatureStatus.Verified.class,
                SignatureVerifier.withKeys(decode(token), VerificationKeys.parse(pem), "pasted PEM"));
    }

    @Test
    void secretsVerifyHmacTokensOnly() {
        DecodedToken token = decode(TokenDecoderTest.RFC7515_A1);
        assertInstanceOf(SignatureStatus.Invalid.class, SignatureVerifier.withSecret(token, "not-the-secret"));
    }

    @Test
    void privateKeysAndGarbageAreRefusedWithAReason() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VerificationKeys.parse("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"));
        assertTrue(error.getMessage().contains("private key"));
        assertThrows(IllegalArgumentException.class, () -> VerificationKeys.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> VerificationKeys.parse("{\"kty\":"));
    }

    static String sign(com.nimbusds.jose.jwk.JWK key, JWSHeader header) throws Exception {
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().subject("1").build());
        jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    static DecodedToken decode(String text) {
        return ((DecodeResult.Decoded) TokenDecoder.decode(text)).token();
    }
}
