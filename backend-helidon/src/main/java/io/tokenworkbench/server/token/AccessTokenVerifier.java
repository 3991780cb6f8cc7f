package io.tokenworkbench.server.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.security.TokenVerification;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies access tokens as the contract says: the configured algorithm only (whatever the header claims; {@code jku},
 * {@code x5u}, {@code jwk} and {@code x5c} are never followed), {@code typ}, a known {@code kid}, {@code iss},
 * {@code aud}, {@code exp}/{@code nbf}/{@code iat} within the clock skew, the user not blocked and the {@code jti} not
 * revoked. Never touches the database on the way. Thread-safe.
 */
public final class AccessTokenVerifier implements TokenVerification.Verifier {

    /** Verified tokens kept in memory: enough for every live session of a busy instance. */
    static final long MAX_CACHED = 20_000;
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti", "iss", "aud");

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Supplier<String> issuer;
    /**
     * Tokens verified before, by their exact text, until they expire: a valid token's signature is checked once, not
     * on every request (as Envoy's jwt_authn caches). Bounded; what falls out is simply verified again.
     */
    private final Cache<String, Caller> verified;
    /**
     * The last valid token seen on the calling thread, which in Helidon is one connection: a client sends the same
     * token request after request, and comparing it is cheaper than hashing it into the cache.
     */
    private final ThreadLocal<Remembered> lastOnThisConnection = new ThreadLocal<>();

    private record Remembered(String token, Caller caller) {
    }
    private final TokenInvalidations invalidations;
    private final Clock clock;
    private final long skewSeconds;

    /**
     * @param issuer the {@code iss} every token must carry: the server's public URL, known once it listens
     */
    public AccessTokenVerifier(SigningKeys keys, AppConfig.TokenSettings settings, Supplier<String> issuer,
                               TokenInvalidations invalidations, Clock clock) {
        this.issuer = issuer;
        this.invalidations = invalidations;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED)
                .expireAfter(Expiry.creating((String token, Caller caller) -> {
                    Duration left = Duration.between(clock.instant(),
                            caller.expiresAt().plusSeconds(settings.clockSkew().toSeconds()));
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
        this.clock = clock;
        this.skewSeconds = settings.clockSkew().toSeconds();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(keys.algorithm(),
                new ImmutableJWKSet<>(keys.verificationKeys())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience(),
                new JWTClaimsSet.Builder().build(),
                REQUIRED_CLAIMS) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) skewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Verifies the compact serialization of an access token. A token verified before is found in memory by its exact
     * text, so its signature is not checked again; expiry, revocation and the user's state are checked on every
     * call all the same.
     */
    @Override
    public TokenVerification verify(String token) {
        Remembered last = lastOnThisConnection.get();
        if (last != null && last.token().equals(token)) {
            return stillValid(last.caller());
        }
        Caller known = verified.getIfPresent(token);
        if (known != null) {
            lastOnThisConnection.set(new Remembered(token, known));
        }
        if (known != null) {
            return stillValid(known);
        }
        TokenVerification fresh = verifyFully(token);
        if (fresh instanceof TokenVerification.Valid(Caller caller)) {
            verified.put(token, caller);
            lastOnThisConnection.set(new Remembered(token, caller));
        }
        return fresh;
    }

    private TokenVerification stillValid(Caller caller) {
        if (!clock.instant().isBefore(caller.expiresAt().plusSeconds(skewSeconds))) {
            return new TokenVerification.Rejected("The token has expired");
        }
        return checkedAgainstInvalidations(caller);
    }

    private TokenVerification checkedAgainstInvalidations(Caller caller) {
        if (invalidations.isBlocked(caller.userId())) {
            return new TokenVerification.Rejected("The user of this token does not exist or is no longer active");
        }
        if (invalidations.isRevoked(caller.tokenId())) {
            return new TokenVerification.Rejected("The token has been revoked");
        }
        return new TokenVerification.Valid(caller);
    }

    /** Every segment base64url without padding, and encoded as the encoder would (RFC 7515 §2). */
    static boolean isCanonical(String token) {
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            return true; // the parser names what is wrong with the structure
        }
        for (String segment : segments) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(segment);
                if (!URL_ENCODER.encodeToString(bytes).equals(segment)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** The whole check, remembered or not (the benchmark measures it). */
    TokenVerification verifyFully(String token) {
        if (!isCanonical(token)) {
            return new TokenVerification.Rejected("The token is not canonical base64url (RFC 7515 §2)");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            return new TokenVerification.Rejected("The token is malformed");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return new TokenVerification.Rejected("Unsigned or encrypted tokens are not accepted");
        }
        if (signed.getHeader().getKeyID() == null) {
            return new TokenVerification.Rejected("The token header has no kid");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (ExpiredJWTException e) {
            return new TokenVerification.Rejected("The token has expired");
        } catch (BadJWTException e) {
            return new TokenVerification.Rejected(describeClaimsProblem(e.getMessage()));
        } catch (BadJWSException e) {
            return new TokenVerification.Rejected("The token signature is invalid");
        } catch (BadJOSEException e) {
            return new TokenVerification.Rejected(describeHeaderProblem(e.getMessage()));
        } catch (com.nimbusds.jose.JOSEException e) {
            return new TokenVerification.Rejected("The token signature cannot be verified");
        }
        if (!issuer.get().equals(claims.getIssuer())) {
            return new TokenVerification.Rejected("The token was not issued by this server (iss)");
        }
        Instant now = clock.instant();
        if (claims.getIssueTime().toInstant().isAfter(now.plusSeconds(skewSeconds))) {
            return new TokenVerification.Rejected("The token was issued in the future");
        }
        return toCaller(claims);
    }

    private TokenVerification toCaller(JWTClaimsSet claims) {
        long userId;
        try {
            userId = Long.parseLong(claims.getSubject());
            List<String> roles = claims.getStringListClaim("roles");
            String scope = claims.getStringClaim("scope");
            Boolean staff = claims.getBooleanClaim("is_staff");
            Boolean superuser = claims.getBooleanClaim("is_superuser");
            String username = claims.getStringClaim("username");
            Set<String> scopes = new HashSet<>(Permissions.parseScope(scope));
            return checkedAgainstInvalidations(new Caller(userId, username == null ? "" : username,
                    roles == null ? List.of() : roles, scopes, Boolean.TRUE.equals(staff),
                    Boolean.TRUE.equals(superuser), claims.getJWTID(), claims.getExpirationTime().toInstant(), null));
        } catch (NumberFormatException e) {
            return new TokenVerification.Rejected("The token's sub is not a user id");
        } catch (ParseException e) {
            return new TokenVerification.Rejected("The token's claims have the wrong types");
        }
    }

    private static String describeClaimsProblem(String message) {
        String m = message == null ? "" : message;
        if (m.contains("missing required claims") || m.contains("missing required aud")) {
            return "The token lacks required claims";
        }
        if (m.contains("before use time")) {
            return "The token is not valid yet";
        }
        if (m.contains("aud claim")) {
            return "The token is not meant for this API (aud)";
        }
        if (m.contains("iss claim")) {
            return "The token was not issued by this server (iss)";
        }
        return "The token's claims are not acceptable";
    }

    private static String describeHeaderProblem(String message) {
        String m = message == null ? "" : message;
        if (m.contains("type")) {
            return "The token's typ is not at+jwt";
        }
        if (m.contains("key") || m.contains("alg")) {
            return "The token is signed with an unexpected algorithm or unknown key";
        }
        return "The token cannot be verified";
    }
}
