package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login, refresh rotation, reuse detection, logout, user deletion and the server's own token checks. */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class AuthFlowHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(String database) {
        server = TestServer.dev(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void passwordGrantIssuesAnRfc9068TokenPair() throws Exception {
        HttpResponse<String> response = server.form("/v1/auth/token",
                Map.of("grant_type", "password", "username", "alice", "password", "alice-password-1"));

        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = TestServer.json(response);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(900, body.get("expires_in").asInt());
        assertTrue(body.get("refresh_token").asText().length() >= 43, "refresh token carries at least 256 bits");
        var jwt = com.nimbusds.jwt.SignedJWT.parse(body.get("access_token").asText());
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertTrue(jwt.getHeader().getKeyID() != null);
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        var claims = jwt.getJWTClaimsSet();
        for (String claim : new String[] {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope",
                "username", "roles", "is_staff", "is_superuser"}) {
            assertTrue(claims.getClaims().containsKey(claim), "claim " + claim);
        }
        assertEquals("posts:read posts:write profile:read", claims.getStringClaim("scope"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        HttpResponse<String> wrong = server.form("/v1/auth/token",
                Map.of("grant_type", "password", "username", "alice", "password", "not-her-password"));
        HttpResponse<String> unknown = server.form("/v1/auth/token",
                Map.of("grant_type", "password", "username", "nobody", "password", "not-her-password"));

        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals("invalid_grant", TestServer.json(wrong).get("error").asText());
        assertEquals(wrong.body(), unknown.body());
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "grant_type=password&username=alice, 400, invalid_request",
            "username=alice&password=x, 400, invalid_request",
            "grant_type=client_credentials, 400, unsupported_grant_type",
            "grant_type=refresh_token, 400, invalid_request",
            "grant_type=refresh_token&refresh_token=made-up, 401, invalid_grant",
            "grant_type=password&username=alice&password=alice-password-1&scope=users:delete, 400, invalid_scope",
    })
    void tokenEndpointErrorsFollowRfc6749(String form, int status, String error) {
        HttpResponse<String> response = server.send("POST", "/v1/auth/token", null, form,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, TestServer.json(response).get("error").asText());
        assertTrue(TestServer.json(response).has("error_description"));
    }

    @Test
    void jsonBodyWorksLikeTheForm() {
        HttpResponse<String> response = server.send("POST", "/v1/auth/token", null,
                "{\"grant_type\":\"password\",\"username\":\"bob\",\"password\":\"bob-password-1\",\"scope\":\"posts:read\"}");

        assertEquals(200, response.statusCode());
        assertEquals("posts:read", TestServer.json(response).get("scope").asText());
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        JsonNode first = server.login("bob", "bob-password-1", null);
        String refresh1 = first.get("refresh_token").asText();

        JsonNode second = TestServer.json(server.form("/v1/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh1)));
        String refresh2 = second.get("refresh_token").asText();
        assertNotEquals(refresh1, refresh2);
        assertEquals(200, server.get("/protected", second.get("access_token").asText()).statusCode());

        HttpResponse<String> replay = server.form("/v1/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh1));
        assertEquals(401, replay.statusCode());
        assertEquals("invalid_grant", TestServer.json(replay).get("error").asText());

        HttpResponse<String> afterReuse = server.form("/v1/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh2));
        assertEquals(401, afterReuse.statusCode(), "the newer token of the same family is revoked too");
    }

    @Test
    void theDevMintHandsOutASessionWithoutTheTokenEndpoint() {
        JsonNode minted = TestServer.json(server.send("POST", "/v1/dev/tokens", null,
                "{\"username\":\"mia\",\"expires_in\":600,\"refresh\":true}"));
        assertEquals(200, server.get("/protected", minted.get("access_token").asText()).statusCode());
        String refresh = minted.get("refresh_token").asText();

        JsonNode rotated = TestServer.json(server.form("/v1/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh)));
        assertEquals(200, server.get("/protected", rotated.get("access_token").asText()).statusCode());
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token",
                refresh)).statusCode(), "the minted refresh token rotates like any other");
        assertEquals(401, server.get("/protected", minted.get("access_token").asText()).statusCode(),
                "and its reuse revokes the family, the minted access token included");
        assertFalse(TestServer.json(server.send("POST", "/v1/dev/tokens", null, "{\"username\":\"mia\"}"))
                .has("refresh_token"), "only when asked for");
    }

    @Test
    void refreshKeepsTheNarrowedScope() {
        JsonNode narrowed = server.login("alice", "alice-password-1", "posts:read");
        JsonNode refreshed = TestServer.json(server.form("/v1/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", narrowed.get("refresh_token").asText())));

        assertEquals("posts:read", refreshed.get("scope").asText());
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheRefreshFamily() {
        JsonNode pair = server.login("sam", "sam-password-1", null);
        String access = pair.get("access_token").asText();

        HttpResponse<String> logout = server.send("POST", "/v1/auth/logout", access,
                "{\"refresh_token\":\"" + pair.get("refresh_token").asText() + "\"}");
        assertEquals(204, logout.statusCode());

        HttpResponse<String> after = server.get("/protected", access);
        assertEquals(401, after.statusCode());
        assertTrue(after.headers().firstValue("WWW-Authenticate").orElse("").contains("revoked"));
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", pair.get("refresh_token").asText())).statusCode());
        assertEquals(200, server.get("/protected", server.accessToken("sam")).statusCode(), "a new login still works");
    }

    @Test
    void deletingAUserKillsTheirLiveTokensAtOnce() {
        server.send("POST", "/v1/auth/register", null,
                "{\"username\":\"doomed\",\"email\":\"doomed@example.com\",\"password\":\"doomed-long-password\"}");
        JsonNode pair = server.login("doomed", "doomed-long-password", null);
        String token = pair.get("access_token").asText();
        long id = TestServer.json(server.get("/v1/users/me", token)).get("id").asLong();
        assertEquals(200, server.get("/protected", token).statusCode());

        assertEquals(204, server.send("DELETE", "/v1/users/" + id, server.accessToken("root"), null).statusCode());

        assertEquals(401, server.get("/protected", token).statusCode());
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", pair.get("refresh_token").asText())).statusCode());
        assertEquals(404, server.send("DELETE", "/v1/users/" + id, server.accessToken("root"), null).statusCode());
    }

    @Test
    void registerIgnoresPrivilegesSentAlong() {
        HttpResponse<String> response = server.send("POST", "/v1/auth/register", null, """
                {"username":"mallory","email":"mallory@example.com","password":"mallory-long-password",
                 "is_superuser":true,"is_staff":true,"roles":["admin"],"id":1}""");

        assertEquals(201, response.statusCode());
        JsonNode user = TestServer.json(response);
        assertFalse(user.get("is_superuser").asBoolean());
        assertFalse(user.get("is_staff").asBoolean());
        assertEquals("[\"user\"]", user.get("roles").toString());
        assertNotEquals(1, user.get("id").asLong());
        String token = server.login("mallory", "mallory-long-password", null).get("access_token").asText();
        assertEquals(403, server.get("/v1/admin/users", token).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short password | {\"username\":\"shorty\",\"email\":\"s@example.com\",\"password\":\"short\"} | 400",
            "common password | {\"username\":\"common1\",\"email\":\"c1@example.com\",\"password\":\"password123456\"} | 400",
            "common with symbols | {\"username\":\"common2\",\"email\":\"c2@example.com\",\"password\":\"Qwertyuiop!!!\"} | 400",
            "bad email | {\"username\":\"bademail\",\"email\":\"not-an-email\",\"password\":\"a-long-fine-password\"} | 400",
            "taken username | {\"username\":\"alice\",\"email\":\"other@example.com\",\"password\":\"a-long-fine-password\"} | 409",
            "taken email | {\"username\":\"alice2\",\"email\":\"ALICE@example.com\",\"password\":\"a-long-fine-password\"} | 409",
    })
    void registerRefusesBadInput(String name, String body, int status) {
        HttpResponse<String> response = server.send("POST", "/v1/auth/register", null, body);

        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong audience | {\"username\":\"alice\",\"claims\":{\"aud\":\"other\"}} | aud",
            "wrong issuer | {\"username\":\"alice\",\"claims\":{\"iss\":\"https://evil.example\"}} | issued",
            "issued in the future | {\"username\":\"alice\",\"claims\":{\"iat\":4102444800}} | future",
            "not yet valid | {\"username\":\"alice\",\"not_before_in\":3600} | not valid yet",
            "no exp | {\"username\":\"alice\",\"claims\":{\"exp\":null}} | required",
            "typ missing | {\"username\":\"alice\",\"header\":{\"typ\":null}} | typ",
            "typ JWT | {\"username\":\"alice\",\"header\":{\"typ\":\"JWT\"}} | typ",
            "unknown kid | {\"username\":\"alice\",\"header\":{\"kid\":\"nope\"}} | key",
            "no kid | {\"username\":\"alice\",\"header\":{\"kid\":null}} | kid",
            "expired | {\"username\":\"alice\",\"expires_in\":-120} | expired",
    })
    void theServerChecksEveryClaimAndHeaderOfValidlySignedTokens(String name, String mint, String reason) {
        String token = server.mint(mint);

        HttpResponse<String> response = server.get("/protected", token);

        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.contains("invalid_token"), challenge);
        assertTrue(challenge.contains(reason), challenge);
    }

    @Test
    void clockSkewOfUnderAMinuteIsTolerated() {
        assertEquals(200, server.get("/protected",
                server.mint("{\"username\":\"alice\",\"expires_in\":-30}")).statusCode());
        assertEquals(200, server.get("/protected",
                server.mint("{\"username\":\"alice\",\"not_before_in\":30}")).statusCode());
    }

    @Test
    void applicationAtJwtTypIsAccepted() {
        assertEquals(200, server.get("/protected",
                server.mint("{\"username\":\"alice\",\"header\":{\"typ\":\"application/at+jwt\"}}")).statusCode());
    }

    @Test
    void discoveryDocumentsDescribeTheServer() {
        JsonNode metadata = TestServer.json(server.get("/.well-known/oauth-authorization-server", null));
        assertEquals(server.url("/v1/auth/token"), metadata.get("token_endpoint").asText());
        assertTrue(metadata.get("grant_types_supported").toString().contains("refresh_token"));
        assertTrue(metadata.get("scopes_supported").toString().contains("posts:write"));

        JsonNode jwks = TestServer.json(server.get("/.well-known/jwks.json", null));
        JsonNode key = jwks.get("keys").get(0);
        assertEquals("RSA", key.get("kty").asText());
        assertFalse(key.has("d"), "no private part is published");
        assertTrue(key.has("kid"));

        JsonNode health = TestServer.json(server.get("/observe/health", null));
        assertEquals("UP", health.get("status").asText());
    }
}
