package io.tokenworkbench.client.inspector;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The linter on crafted tokens, against a fixed clock. */
class TokenLinterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final TokenLinter LINTER = new TokenLinter(Clock.fixed(NOW, ZoneOffset.UTC));
    private static RSAKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @Test
    void aWellFormedAccessTokenHasNoWarnings() throws Exception {
        Set<String> codes = codes(rsa(good().build(), true));
        assertTrue(codes.isEmpty(), codes.toString());
    }

    @Test
    void unsignedTokensAreCritical() {
        List<Finding> findings = LINTER.lint(SignatureVerifierTest.decode(TokenDecoderTest.RFC7515_A5));

        assertEquals("alg-none", findings.getFirst().code());
        assertEquals(Finding.Severity.CRITICAL, findings.getFirst().severity());
    }

    @Test
    void guessableHmacSecretsAreFoundAndNamed() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID("k").build(), good().build());
        String signingInput = new String(jwt.getSigningInput(), StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

        List<Finding> findings = LINTER.lint(SignatureVerifierTest.decode(token));

        Finding weak = findings.stream().filter(f -> f.code().equals("weak-hmac-secret")).findFirst().orElseThrow();
        assertTrue(weak.message().contains("'secret'"));
        assertEquals(Finding.Severity.CRITICAL, findings.getFirst().severity());
    }

    @Test
    void aStrongHmacSecretIsNotFlagged() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID("k").build(), good().build());
        jwt.sign(new MACSigner("k3y-that-is-not-in-any-list-and-long-enough!!"));
        assertFalse(codes(jwt.serialize()).contains("weak-hmac-secret"));
    }

    @Test
    void timeProblemsAreReported() throws Exception {
        assertTrue(codes(rsa(good().expirationTime(null).build(), true)).contains("no-exp"));
        assertTrue(codes(rsa(good().expirationTime(at(-600)).issueTime(at(-1500)).notBeforeTime(at(-1500)).build(), true))
                .contains("expired"));
        assertTrue(codes(rsa(good().expirationTime(at(7200)).build(), true)).contains("long-lifetime"));
        assertTrue(codes(rsa(good().notBeforeTime(at(600)).build(), true)).contains("nbf-future"));
        assertTrue(codes(rsa(good().issueTime(at(600)).build(), true)).contains("iat-future"));
        assertFalse(codes(rsa(good().issueTime(at(30)).build(), true)).contains("iat-future"), "within the skew");
    }

    @Test
    void missingClaimsAndHeadersAreReported() throws Exception {
        Set<String> codes = codes(rsa(good().issuer(null).audience((String) null).build(), false));
        assertTrue(codes.containsAll(Set.of("missing-iss", "missing-aud", "typ", "no-kid")), codes.toString());
    }

    @Test
    void secretsAndPersonalDataInClaimsAreReported() throws Exception {
        Set<String> codes = codes(rsa(good().claim("password", "hunter2").claim("email", "a@example.com")
                .claim("meta", java.util.Map.of("key", "-----BEGIN RSA PRIVATE KEY-----abc")).build(), true));
        assertTrue(codes.containsAll(Set.of("secret-claim", "personal-data")), codes.toString());
    }

    private static JWTClaimsSet.Builder good() {
        return new JWTClaimsSet.Builder().issuer("https://issuer.example").audience("api").subject("1")
                .issueTime(at(-60)).notBeforeTime(at(-60)).expirationTime(at(840)).jwtID("j1");
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String rsa(JWTClaimsSet claims, boolean atJwtWithKid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
        if (atJwtWithKid) {
            header.type(new JOSEObjectType("at+jwt")).keyID("k1");
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Set<String> codes(String token) {
        return LINTER.lint(SignatureVerifierTest.decode(token)).stream().map(Finding::code).collect(Collectors.toSet());
    }
}
