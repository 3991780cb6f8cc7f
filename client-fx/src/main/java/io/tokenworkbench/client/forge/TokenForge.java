package io.tokenworkbench.client.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes a token from a header and payload the tester wrote as JSON: signed with a pasted secret, PEM or JWK, with a
 * freshly generated key pair, or made by one of the attack {@link Recipe}s. Stateless apart from the attacker key
 * its {@link Forgery} keeps; thread-safe.
 *
 * <pre>{@code
 * TokenForge forge = new TokenForge(new Forgery(Clock.systemUTC()));
 * TokenForge.Draft draft = TokenForge.Draft.parse("{\"typ\":\"JWT\"}", "{\"sub\":\"alice\"}");
 * List<Forgery.Forged> tokens = forge.sign(draft, new KeyChoice.Pasted(SigningKey.Format.SECRET, "secret"), "", () -> null);
 * }</pre>
 */
public final class TokenForge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Forgery forgery;

    public TokenForge(Forgery forgery) {
        this.forgery = forgery;
    }

    /** A header and payload as the tester wrote them. */
    public record Draft(ObjectNode header, ObjectNode payload) {

        /** Reads both JSON objects; throws {@link IllegalArgumentException} naming the part that is not one. */
        public static Draft parse(String header, String payload) {
            return new Draft(object(header, "header"), object(payload, "payload"));
        }

        private static ObjectNode object(String text, String what) {
            try {
                JsonNode node = JSON.readTree(text == null || text.isBlank() ? "{}" : text);
                if (node instanceof ObjectNode object) {
                    return object;
                }
                throw new IllegalArgumentException("The " + what + " must be a JSON object, {…}");
            } catch (IOException e) {
                throw new IllegalArgumentException("The " + what + " is not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** What signs the draft. */
    public sealed interface KeyChoice {
        /** A secret, PEM private key or private JWK the tester pasted. */
        record Pasted(SigningKey.Format format, String text) implements KeyChoice {
            @Override
            public String toString() {
                return "Pasted[" + format + "]";
            }
        }

        /** A key pair made for the purpose; its public half can be given to the server. */
        record Generated(SigningKey.Private key) implements KeyChoice {
        }

        /** An attack recipe; {@code jkuUrl} is where the attacker's key set is published, for {@link Recipe#JKU}. */
        record Attack(Recipe recipe, String jkuUrl) implements KeyChoice {
        }
    }

    /** A new RSA 2048 key pair with a random {@code kid}. */
    public static SigningKey.Private generateRsa() {
        try {
            return new SigningKey.Private(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** A new EC P-256 key pair with a random {@code kid}. */
    public static SigningKey.Private generateEc() {
        try {
            return new SigningKey.Private(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }

    /**
     * Signs (or forges) the draft.
     *
     * @param algorithm  the JWS algorithm, or blank for the header's {@code alg} when the key can sign it, else the
     *                   key's own
     * @param serverKeys the server's public keys, asked for only by recipes that need them
     * @return the token, or for recipes that try several, each with what was done
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public List<Forgery.Forged> sign(Draft draft, KeyChoice key, String algorithm, Supplier<JWKSet> serverKeys) {
        return switch (key) {
            case KeyChoice.Pasted pasted -> {
                SigningKey signingKey = SigningKey.parse(pasted.format(), pasted.text());
                yield List.of(signed(draft, signingKey, algorithm));
            }
            case KeyChoice.Generated generated -> List.of(signed(draft, generated.key(), algorithm));
            case KeyChoice.Attack attack -> {
                URI url = null;
                if (attack.recipe().needsUrl()) {
                    try {
                        url = URI.create(attack.jkuUrl() == null ? "" : attack.jkuUrl().strip());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("The jku URL is not a URL");
                    }
                    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                        throw new IllegalArgumentException("Give the http(s) URL where the attacker's key set is "
                                + "published");
                    }
                }
                yield attack.recipe().apply(forgery, unsigned(draft), attack.recipe().needsServerKeys()
                        ? serverKeys.get() : null, url);
            }
        };
    }

    /** The draft as an unsigned token, e.g. for lints while it is being written. */
    public static String unsigned(Draft draft) {
        return TokenSigner.unsigned(draft.header(), draft.payload());
    }

    private static Forgery.Forged signed(Draft draft, SigningKey key, String algorithm) {
        String written = draft.header().path("alg").asText("");
        JWSAlgorithm alg = algorithm != null && !algorithm.isBlank() ? JWSAlgorithm.parse(algorithm.strip())
                : !written.isEmpty() && key.fits(JWSAlgorithm.parse(written)) ? JWSAlgorithm.parse(written)
                : key.defaultAlgorithm();
        ObjectNode header = draft.header().deepCopy();
        if (!header.has("kid")) {
            key.keyId().ifPresent(kid -> header.put("kid", kid));
        }
        return new Forgery.Forged(alg.getName() + " with the " + key.describe(),
                TokenSigner.sign(header, draft.payload(), key, alg));
    }
}
