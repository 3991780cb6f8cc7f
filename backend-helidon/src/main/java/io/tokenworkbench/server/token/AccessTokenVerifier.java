package io.tokenworkbench.server.token;

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

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
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
public final class AccessTokenVerifier {

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti", "iss", "aud");

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Supplier<String> issuer;
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

    /** Verifies the compact serialization of an access token. */
    public TokenVerification verify(String token) {
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
            if (invalidations.isBlocked(userId)) {
                return new TokenVerification.Rejected("The user of this token does not exist or is no longer active");
            }
            if (invalidations.isRevoked(claims.getJWTID())) {
                return new TokenVerification.Rejected("The token has been revoked");
            }
            Set<String> scopes = new HashSet<>(Permissions.parseScope(scope));
            return new TokenVerification.Valid(new Caller(userId, username == null ? "" : username,
                    roles == null ? List.of() : roles, scopes, Boolean.TRUE.equals(staff),
                    Boolean.TRUE.equals(superuser), claims.getJWTID(), claims.getExpirationTime().toInstant()));
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
