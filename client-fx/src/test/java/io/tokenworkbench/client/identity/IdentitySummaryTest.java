package io.tokenworkbench.client.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the identities list says of an identity: how, roles and scope, and how long it has left (issue 11, #10). */
class IdentitySummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static Identity withToken(JWTClaimsSet claims, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner("a-test-secret-of-at-least-thirty-two-bytes"));
        return Identity.withTokens("1", "alice", "alice", null,
                new TokenSet(jwt.serialize(), "r", NOW, expires, null), List.of(), "http://localhost:8080",
                "http://localhost:8080/v1/auth/token");
    }

    @Test
    void rolesScopeAndTheTimeLeftAreSaid() throws Exception {
        Identity alice = withToken(new JWTClaimsSet.Builder().claim("roles", List.of("user"))
                .claim("scope", "posts:read posts:write").expirationTime(Date.from(NOW.plusSeconds(840))).build(),
                NOW.plusSeconds(840));

        IdentitySummary summary = IdentitySummary.of(alice, NOW);

        assertEquals("OAuth2 token · roles user · scope posts:read posts:write · expires in 14 min", summary.line());
        assertEquals(IdentitySummary.State.USABLE, summary.state());
    }

    @Test
    void aScopesListAndExpiryAreColouredByState() throws Exception {
        Identity soon = withToken(new JWTClaimsSet.Builder().claim("scopes", List.of("me", "items")).build(),
                NOW.plusSeconds(30));
        Identity gone = withToken(new JWTClaimsSet.Builder().build(), NOW.minusSeconds(180));

        assertEquals("OAuth2 token · scope me items · expires in 30 s", IdentitySummary.of(soon, NOW).line());
        assertEquals(IdentitySummary.State.EXPIRING, IdentitySummary.of(soon, NOW).state());
        assertEquals("OAuth2 token · expired 3 min ago", IdentitySummary.of(gone, NOW).line());
        assertEquals(IdentitySummary.State.EXPIRED, IdentitySummary.of(gone, NOW).state());
        assertEquals(IdentitySummary.State.WITHOUT_CREDENTIALS, IdentitySummary.of(gone.withTokens(null, new TimelineEvent(NOW, TimelineEvent.Kind.REVOKED, "logged out")), NOW)
                .state());
    }
}
