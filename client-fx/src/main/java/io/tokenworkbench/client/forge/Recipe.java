package io.tokenworkbench.client.forge;

import com.nimbusds.jose.jwk.JWKSet;

import java.net.URI;
import java.util.List;

/** The attacks the Sign tab can make a token with, one click each; the same as the suite's attack derivations. */
public enum Recipe {
    ALG_NONE("alg: none (unsecured)"),
    NONE_VARIANTS("alg none, None, NONE, nOnE"),
    STRIPPED("signature stripped"),
    BLANK_SECRET("HS256 with an empty secret"),
    WEAK_SECRET("HS256 with each guessable secret"),
    KEY_CONFUSION("key confusion: HS256 keyed with the server's public key"),
    JWK_HEADER("attacker key embedded as jwk (CVE-2018-0114)"),
    JKU("attacker key set at a jku URL"),
    KID_TRAVERSAL("kid ../../dev/null, empty HMAC key"),
    KID_INJECTION("SQL-injection kid with its HMAC key"),
    PSYCHIC("psychic signature, ES256 r = s = 0 (CVE-2022-21449)");

    private final String label;

    Recipe(String label) {
        this.label = label;
    }

    /** Whether the recipe needs the server's public keys. */
    public boolean needsServerKeys() {
        return this == KEY_CONFUSION;
    }

    /** Whether the recipe needs a URL for its {@code jku}. */
    public boolean needsUrl() {
        return this == JKU;
    }

    /**
     * The forged tokens this recipe makes from {@code token} (whose signature does not matter).
     *
     * @param serverKeys the server's JWKS, for {@link #KEY_CONFUSION}
     * @param jkuUrl     where the attacker publishes its key set, for {@link #JKU}
     */
    public List<Forgery.Forged> apply(Forgery forgery, String token, JWKSet serverKeys, URI jkuUrl) {
        return switch (this) {
            case ALG_NONE -> List.of(new Forgery.Forged("alg none", forgery.algNone(token)));
            case NONE_VARIANTS -> forgery.noneVariants(token);
            case STRIPPED -> List.of(new Forgery.Forged("signature stripped", forgery.stripped(token)));
            case BLANK_SECRET -> List.of(forgery.blankSecret(token));
            case WEAK_SECRET -> forgery.weakSecrets(token);
            case KEY_CONFUSION -> forgery.keyConfusion(token, serverKeys);
            case JWK_HEADER -> List.of(forgery.jwkHeader(token));
            case JKU -> List.of(forgery.jku(token, jkuUrl));
            case KID_TRAVERSAL -> List.of(forgery.kidTraversal(token));
            case KID_INJECTION -> List.of(forgery.kidInjection(token));
            case PSYCHIC -> List.of(forgery.psychic(token));
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
