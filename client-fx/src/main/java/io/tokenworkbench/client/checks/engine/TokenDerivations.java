package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.client.checks.suite.SuiteIdentity.Derivation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;

/**
 * Makes a good token bad in the ways attackers try, to prove the server refuses each: an edited payload under the
 * old signature, {@code alg: none}, no signature, a signature by another key, another audience or issuer.
 */
public final class TokenDerivations {

    /** The audience or issuer a derivation uses when the suite names none. */
    public static final String DEFAULT_OTHER_PARTY = "https://attacker.example";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenDerivations() {
    }

    /**
     * Derives a bad token from {@code token}.
     *
     * @param value the audience or issuer for {@link Derivation#AUDIENCE} / {@link Derivation#ISSUER}, else ignored
     * @throws IllegalArgumentException when the token is not a signed JWT, with the reason
     */
    public static String derive(String token, Derivation derivation, String value) {
        SignedJWT original = parse(token);
        String[] parts = token.split("\\.");
        try {
            return switch (derivation) {
                case TAMPERED -> editPayload(parts, payload -> {
                    payload.putArray("roles").add("admin");
                    payload.put("is_staff", true);
                    payload.put("is_superuser", true);
                });
                case ALG_NONE -> new PlainJWT(new PlainHeader.Builder().type(original.getHeader().getType()).build(),
                        original.getJWTClaimsSet()).serialize();
                case STRIPPED -> parts[0] + "." + parts[1] + ".";
                case OTHER_KEY -> signedWithFreshKey(original);
                case AUDIENCE -> editPayload(parts, payload -> payload.put("aud", orDefault(value)));
                case ISSUER -> editPayload(parts, payload -> payload.put("iss", orDefault(value)));
            };
        } catch (ParseException | JOSEException | IOException e) {
            throw new IllegalArgumentException("cannot derive a " + derivation.yamlName() + " token: "
                    + e.getMessage(), e);
        }
    }

    static String orDefault(String value) {
        return value == null || value.isBlank() ? DEFAULT_OTHER_PARTY : value;
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the source token is not a signed JWT (" + e.getMessage() + ")", e);
        }
    }

    private static String editPayload(String[] parts, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (!(payload instanceof ObjectNode object)) {
            throw new IOException("the payload is not a JSON object");
        }
        edit.accept(object);
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsString(object).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + edited + "." + parts[2];
    }

    private static String signedWithFreshKey(SignedJWT original) throws JOSEException, ParseException {
        JWSAlgorithm alg = original.getHeader().getAlgorithm();
        JWSSigner signer;
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            signer = new RSASSASigner(new RSAKeyGenerator(2048).generate());
        } else if (JWSAlgorithm.Family.EC.contains(alg)) {
            Curve curve = Curve.forJWSAlgorithm(alg).iterator().next();
            signer = new ECDSASigner(new ECKeyGenerator(curve).generate());
        } else if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            byte[] secret = new byte[64];
            RANDOM.nextBytes(secret);
            signer = new MACSigner(secret);
        } else {
            throw new JOSEException("unsupported algorithm " + alg);
        }
        JWSHeader header = new JWSHeader.Builder(alg).type(original.getHeader().getType())
                .keyID(original.getHeader().getKeyID()).build();
        SignedJWT forged = new SignedJWT(header, original.getJWTClaimsSet());
        forged.sign(signer);
        return forged.serialize();
    }
}
