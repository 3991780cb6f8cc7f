package io.tokenworkbench.client.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lints a decoded token against what RFC 8725 (JWT best practices) and RFC 9068 (access-token profile) expect:
 * unsigned tokens, HMAC secrets from a bundled list of weak ones, missing or far-off times, missing issuer or
 * audience, a wrong {@code typ}, no {@code kid}, and claims that look like secrets or personal data. The clock is
 * injected, so "expired" and "in the future" are testable. Thread-safe.
 *
 * <pre>{@code
 * List<Finding> findings = new TokenLinter(Clock.systemUTC()).lint(token);
 * }</pre>
 */
public final class TokenLinter {

    /** Tolerated clock difference before a time counts as in the future. */
    public static final Duration SKEW = Duration.ofSeconds(60);
    static final Duration LONG_LIFETIME = Duration.ofHours(1);

    private static final Set<String> SECRET_NAMES = Set.of("password", "passwd", "pwd", "secret", "client_secret",
            "api_key", "apikey", "private_key", "privatekey", "access_key", "secret_key", "credentials", "pin",
            "refresh_token", "session_key");
    private static final Set<String> PERSONAL_NAMES = Set.of("email", "phone", "phone_number", "mobile", "address",
            "street", "postal_code", "zip", "birthdate", "date_of_birth", "dob", "ssn", "social_security_number",
            "passport", "national_id", "iban", "credit_card", "card_number", "given_name", "family_name", "name",
            "gender", "ip", "ip_address");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bAKIA[0-9A-Z]{16}\\b|\\bsk_(live|test)_[0-9a-zA-Z]{10,}|\\bghp_[0-9A-Za-z]{30,}"
                    + "|\\bxox[abp]-[0-9A-Za-z-]{10,}|\\btwk_[A-Za-z0-9_-]{20,}");

    private final Clock clock;
    private final List<String> weakSecrets;

    public TokenLinter(Clock clock) {
        this(clock, WeakSecrets.all());
    }

    TokenLinter(Clock clock, List<String> weakSecrets) {
        this.clock = clock;
        this.weakSecrets = List.copyOf(weakSecrets);
    }

    /** Every finding, most serious first. */
    public List<Finding> lint(DecodedToken token) {
        List<Finding> findings = new ArrayList<>();
        algorithm(token, findings);
        times(token, findings);
        if (token.claim("iss").isEmpty()) {
            findings.add(new Finding(Finding.Severity.WARNING, "missing-iss",
                    "No iss: a verifier cannot tell which issuer it trusts this token from (RFC 8725 §3.8)"));
        }
        if (!token.payload().hasNonNull("aud")) {
            findings.add(new Finding(Finding.Severity.WARNING, "missing-aud",
                    "No aud: the token could be replayed against any API that trusts the issuer (RFC 8725 §3.9)"));
        }
        String typ = token.type().orElse("");
        if (!typ.equalsIgnoreCase("at+jwt") && !typ.equalsIgnoreCase("application/at+jwt")) {
            findings.add(new Finding(Finding.Severity.INFO, "typ",
                    "typ is " + (typ.isEmpty() ? "missing" : "'" + typ + "'")
                            + ", not at+jwt: RFC 9068 access tokens say what they are, so they cannot be confused with ID tokens"));
        }
        if (token.keyId().isEmpty() && !token.isUnsecured()) {
            findings.add(new Finding(Finding.Severity.INFO, "no-kid",
                    "No kid: verifiers must guess the key, and keys cannot be rotated cleanly"));
        }
        claims(token.payload(), "", findings);
        findings.sort(Comparator.comparing(Finding::severity));
        return findings;
    }

    /** The bundled weak secret that verifies this HMAC token, if one does. */
    public Optional<String> weakSecret(DecodedToken token) {
        if (token.isUnsecured() || !JWSAlgorithm.Family.HMAC_SHA.contains(JWSAlgorithm.parse(token.algorithm()))) {
            return Optional.empty();
        }
        return weakSecrets.stream()
                .filter(secret -> SignatureVerifier.matchesSecret(token, secret.getBytes(StandardCharsets.UTF_8)))
                .findFirst();
    }

    private void algorithm(DecodedToken token, List<Finding> findings) {
        if (token.algorithm().equalsIgnoreCase("none")) {
            findings.add(new Finding(Finding.Severity.CRITICAL, "alg-none",
                    "alg is none: the token is unsigned and anyone can forge it; no verifier should accept it"));
            return;
        }
        if (token.signature().isEmpty()) {
            findings.add(new Finding(Finding.Severity.CRITICAL, "no-signature",
                    "The signature is empty: the token has been stripped of its proof"));
        }
        weakSecret(token).ifPresent(secret -> findings.add(new Finding(Finding.Severity.CRITICAL, "weak-hmac-secret",
                token.algorithm() + " secret is the guessable '" + secret
                        + "': anyone can forge tokens; use a random secret of at least 32 bytes or an asymmetric key")));
    }

    private void times(DecodedToken token, List<Finding> findings) {
        long now = clock.instant().getEpochSecond();
        Optional<Long> exp = token.numericDate("exp");
        Optional<Long> iat = token.numericDate("iat");
        Optional<Long> nbf = token.numericDate("nbf");
        if (exp.isEmpty()) {
            findings.add(new Finding(Finding.Severity.WARNING, "no-exp",
                    "No exp: the token never expires, so a leaked copy works forever"));
        } else if (exp.get() < now - SKEW.toSeconds()) {
            findings.add(new Finding(Finding.Severity.WARNING, "expired",
                    "Expired " + Durations.relative(Duration.ofSeconds(now - exp.get())) + " ago"));
        }
        long start = iat.or(() -> nbf).orElse(now);
        if (exp.isPresent() && exp.get() - start > LONG_LIFETIME.toSeconds()) {
            findings.add(new Finding(Finding.Severity.WARNING, "long-lifetime",
                    "Lifetime " + Durations.relative(Duration.ofSeconds(exp.get() - start))
                            + ": access tokens should live minutes, not hours"));
        }
        if (nbf.isPresent() && nbf.get() > now + SKEW.toSeconds()) {
            findings.add(new Finding(Finding.Severity.WARNING, "nbf-future",
                    "nbf is in the future: the token is not valid for another "
                            + Durations.relative(Duration.ofSeconds(nbf.get() - now))));
        }
        if (iat.isPresent() && iat.get() > now + SKEW.toSeconds()) {
            findings.add(new Finding(Finding.Severity.WARNING, "iat-future",
                    "iat is in the future by " + Durations.relative(Duration.ofSeconds(iat.get() - now))
                            + ": a clock is wrong or the token was forged"));
        }
    }

    private void claims(JsonNode node, String prefix, List<Finding> findings) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            String name = claim.getKey().toLowerCase(Locale.ROOT);
            String path = prefix + claim.getKey();
            if (SECRET_NAMES.contains(name) || claim.getValue().isTextual()
                    && SECRET_VALUE.matcher(claim.getValue().asText()).find()) {
                findings.add(new Finding(Finding.Severity.CRITICAL, "secret-claim",
                        "Claim '" + path + "' looks like a secret: tokens are only encoded, anyone holding one can read it"));
            } else if (PERSONAL_NAMES.contains(name)) {
                findings.add(new Finding(Finding.Severity.INFO, "personal-data",
                        "Claim '" + path + "' looks like personal data: it travels with every request and lands in logs"));
            }
            if (claim.getValue().isObject()) {
                claims(claim.getValue(), path + ".", findings);
            }
        }
    }
}
