package io.tokenworkbench.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.security.Permissions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Signs RFC 9068 access tokens. Thread-safe. */
public final class TokenIssuer {

    /** The {@code client_id} claim of tokens from the public password grant. */
    public static final String PUBLIC_CLIENT_ID = "token-workbench";

    private final SigningKeys keys;
    private final AppConfig.TokenSettings settings;
    private final Supplier<String> issuer;
    private final Clock clock;
    private final JWSSigner signer;

    /**
     * @param issuer the tokens' {@code iss}: the server's public URL, known once it listens
     */
    public TokenIssuer(SigningKeys keys, AppConfig.TokenSettings settings, Supplier<String> issuer, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        try {
            this.signer = switch (keys.signingKey()) {
                case RSAKey rsa -> new RSASSASigner(rsa);
                case ECKey ec -> new ECDSASigner(ec);
                case OctetSequenceKey oct -> new MACSigner(oct);
                default -> throw new IllegalStateException("Unsupported key " + keys.signingKey().getKeyType());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign", e);
        }
    }

    /** A signed access token and what the token endpoint says of it. */
    public record IssuedToken(String value, String jti, Instant expiresAt, long expiresIn, String scope) {
        @Override
        public String toString() {
            return "IssuedToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** An access token for the user with the given (already narrowed) scopes and the configured lifetime. */
    public IssuedToken issue(TokenSubject user, Set<String> scopes) {
        return issue(user, scopes, settings.accessLifetime(), Duration.ZERO);
    }

    /** An access token with any lifetime, negative included, and a not-before offset (dev token mint). */
    public IssuedToken issue(TokenSubject user, Set<String> scopes, Duration lifetime, Duration notBeforeIn) {
        JWTClaimsSet claims = defaultClaims(user, scopes, lifetime, notBeforeIn);
        return new IssuedToken(sign(defaultHeader().build(), claims), claims.getJWTID(),
                claims.getExpirationTime().toInstant(), lifetime.toSeconds(), Permissions.formatScope(scopes));
    }

    /** The claims {@link #issue} would sign, for callers (the dev mint) that edit them first. */
    public JWTClaimsSet defaultClaims(TokenSubject user, Set<String> scopes, Duration lifetime, Duration notBeforeIn) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.get())
                .subject(Long.toString(user.id()))
                .audience(settings.audience())
                .expirationTime(Date.from(now.plus(lifetime)))
                .notBeforeTime(Date.from(now.plus(notBeforeIn)))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", PUBLIC_CLIENT_ID)
                .claim("scope", Permissions.formatScope(scopes))
                .claim("username", user.username())
                .claim("roles", user.roles())
                .claim("is_staff", user.staff())
                .claim("is_superuser", user.superuser())
                .build();
    }

    /** The header {@link #issue} uses: the configured algorithm, {@code typ: at+jwt} and the key's {@code kid}. */
    public JWSHeader.Builder defaultHeader() {
        return new JWSHeader.Builder(keys.algorithm())
                .type(new JOSEObjectType("at+jwt"))
                .keyID(keys.signingKey().getKeyID());
    }

    /** Signs any header and claims with the current key. */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }
}
