package io.tokenworkbench.client.checks.engine;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.client.checks.suite.SuiteIdentity.Derivation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenDerivationsTest {

    private static RSAKey key;
    private static String token;

    @BeforeAll
    static void signAToken() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("at+jwt")).build(),
                new JWTClaimsSet.Builder().subject("1").issuer("https://issuer").audience("api")
                        .claim("roles", List.of("user")).build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
    }

    @Test
    void tamperedKeepsHeaderAndSignatureButGrantsAdmin() throws Exception {
        String derived = TokenDerivations.derive(token, Derivation.TAMPERED, null);

        String[] original = token.split("\\.");
        String[] parts = derived.split("\\.");
        assertEquals(original[0], parts[0]);
        assertEquals(original[2], parts[2]);
        SignedJWT jwt = SignedJWT.parse(derived);
        assertEquals(List.of("admin"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertFalse(jwt.verify(new RSASSAVerifier(key.toPublicJWK())));
    }

    @Test
    void algNoneIsAnUnsecuredTokenWithTheSameClaims() throws Exception {
        var jwt = JWTParser.parse(TokenDerivations.derive(token, Derivation.ALG_NONE, null));

        assertInstanceOf(PlainJWT.class, jwt);
        assertEquals("1", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void strippedHasNoSignature() {
        String derived = TokenDerivations.derive(token, Derivation.STRIPPED, null);
        assertTrue(derived.endsWith("."));
        assertEquals(token.substring(0, token.lastIndexOf('.') + 1), derived);
    }

    @Test
    void otherKeyIsAValidSignatureByAStrangerUnderTheSameKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TokenDerivations.derive(token, Derivation.OTHER_KEY, null));

        assertEquals("k1", jwt.getHeader().getKeyID());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertFalse(jwt.verify(new RSASSAVerifier(key.toPublicJWK())));
        assertEquals("1", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void audienceAndIssuerAreChanged() throws Exception {
        assertEquals(List.of("https://attacker.example"), SignedJWT.parse(
                TokenDerivations.derive(token, Derivation.AUDIENCE, null)).getJWTClaimsSet().getAudience());
        assertEquals("https://evil", SignedJWT.parse(
                TokenDerivations.derive(token, Derivation.ISSUER, "https://evil")).getJWTClaimsSet().getIssuer());
    }

    @Test
    void anOpaqueTokenCannotBeDerivedFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenDerivations.derive("opaque-token", Derivation.TAMPERED, null));
        assertTrue(e.getMessage().contains("not a signed JWT"));
    }
}
