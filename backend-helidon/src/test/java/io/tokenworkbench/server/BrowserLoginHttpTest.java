package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser login end to end over HTTP, this test playing the browser: the authorization request, the page, the
 * form posted with its CSRF cookie, the redirect with code, state and iss, the code exchanged with its PKCE
 * verifier; and each refusal (RFC 6749 §4.1, RFC 7636, RFC 9207, RFC 9700).
 */
class BrowserLoginHttpTest {

    private static final String CLIENT = "token-workbench";
    private static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.dev();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> authorization(String challenge, String redirect) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", CLIENT);
        parameters.put("redirect_uri", redirect);
        parameters.put("state", "xyz-42");
        parameters.put("code_challenge", challenge);
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    /** The page, then the form posted back as a browser would: the redirect the server answers with. */
    private static HttpResponse<String> signIn(Map<String, String> parameters, String username, String password) {
        return signIn(server, parameters, Map.of("username", username, "password", password));
    }

    private static HttpResponse<String> signIn(TestServer server, Map<String, String> parameters,
                                               Map<String, String> fields) {
        HttpResponse<String> page = server.get("/oauth/authorize?" + query(parameters), null);
        assertEquals(200, page.statusCode(), page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), page.body());
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("csrf", csrf.group(1));
        form.putAll(fields);
        return server.send("POST", "/oauth/authorize", null, query(form),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie));
    }

    private static Map<String, String> queryOf(String location) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        return server.form("/v1/auth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT, "code_verifier", verifier));
    }

    @Test
    void aBrowserLoginEndsWithTokensForTheUserAndTheCodeWorksOnce() throws Exception {
        String verifier = verifier();

        HttpResponse<String> redirect = signIn(authorization(challenge(verifier), REDIRECT), "alice",
                "alice-password-1");

        assertEquals(302, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        Map<String, String> answer = queryOf(location);
        assertEquals("xyz-42", answer.get("state"));
        assertEquals(server.app.baseUrl(), answer.get("iss"), "RFC 9207");
        HttpResponse<String> tokens = exchange(answer.get("code"), verifier);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode pair = TestServer.json(tokens);
        assertEquals("alice", TestServer.json(server.get("/v1/users/me", pair.get("access_token").asText()))
                .get("username").asText());

        HttpResponse<String> replay = exchange(answer.get("code"), verifier);
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", TestServer.json(replay).get("error").asText());
        assertEquals(401, server.form("/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token",
                pair.get("refresh_token").asText())).statusCode(), "a replayed code ends what it issued");
    }

    @Test
    void aWrongVerifierGetsNoTokens() throws Exception {
        String verifier = verifier();
        String code = queryOf(signIn(authorization(challenge(verifier), REDIRECT), "bob", "bob-password-1")
                .headers().firstValue("Location").orElseThrow()).get("code");

        HttpResponse<String> refused = exchange(code, verifier());

        assertEquals(400, refused.statusCode());
        assertEquals("invalid_grant", TestServer.json(refused).get("error").asText());
    }

    @Test
    void anUnknownClientOrAnUnregisteredRedirectIsSaidOnThePageNeverRedirected() throws Exception {
        Map<String, String> foreign = authorization(challenge(verifier()), "https://evil.example/callback");
        Map<String, String> unknown = authorization(challenge(verifier()), REDIRECT);
        unknown.put("client_id", "nobody");

        for (Map<String, String> parameters : java.util.List.of(foreign, unknown)) {
            HttpResponse<String> page = server.get("/oauth/authorize?" + query(parameters), null);
            assertEquals(400, page.statusCode());
            assertTrue(page.headers().firstValue("Location").isEmpty());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertFalse(page.body().contains("<form"), page.body());
        }
    }

    @Test
    void aRequestWithoutS256IsRefusedBackToTheClient() throws Exception {
        Map<String, String> plain = authorization(challenge(verifier()), REDIRECT);
        plain.put("code_challenge_method", "plain");
        Map<String, String> none = authorization(challenge(verifier()), REDIRECT);
        none.remove("code_challenge");
        none.remove("code_challenge_method");

        for (Map<String, String> parameters : java.util.List.of(plain, none)) {
            HttpResponse<String> refused = server.get("/oauth/authorize?" + query(parameters), null);
            assertEquals(302, refused.statusCode());
            Map<String, String> answer = queryOf(refused.headers().firstValue("Location").orElseThrow());
            assertEquals("invalid_request", answer.get("error"));
            assertEquals("xyz-42", answer.get("state"));
        }
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndAFormFromElsewhereIsRefused() throws Exception {
        Map<String, String> parameters = authorization(challenge(verifier()), REDIRECT);

        HttpResponse<String> wrong = signIn(parameters, "alice", "not-her-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Invalid username or password") && wrong.body().contains("<form"));

        Map<String, String> forged = new LinkedHashMap<>(parameters);
        forged.put("csrf", "made-up");
        forged.put("username", "alice");
        forged.put("password", "alice-password-1");
        HttpResponse<String> crossSite = server.send("POST", "/oauth/authorize", null, query(forged),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().firstValue("Location").isEmpty());
    }

    @Test
    void anAccountWithTotpIsAskedForItsCurrentCodeOnThePage() throws Exception {
        String user = "totp-user-" + System.nanoTime() % 100_000;
        assertEquals(201, server.send("POST", "/v1/auth/register", null, "{\"username\":\"" + user
                + "\",\"email\":\"" + user + "@example.com\",\"password\":\"a-long-unusual-pass-1\"}").statusCode());
        String token = server.login(user, "a-long-unusual-pass-1", null).get("access_token").asText();
        String secret = TestServer.json(server.send("POST", "/v1/auth/totp", token, null)).get("secret").asText();
        java.time.Instant now = java.time.Instant.now();
        assertEquals(204, server.send("POST", "/v1/auth/totp/verify", token,
                "{\"code\":\"" + TotpCodes.at(secret, now) + "\"}").statusCode());
        Map<String, String> parameters = authorization(challenge(verifier()), REDIRECT);

        HttpResponse<String> without = signIn(parameters, user, "a-long-unusual-pass-1");
        assertEquals(401, without.statusCode());
        assertTrue(without.body().contains("two-factor") && without.body().contains("name=\"totp_code\""),
                without.body());
        String next = TotpCodes.at(secret, now.plusSeconds(30));
        HttpResponse<String> wrong = signIn(server, parameters, Map.of("username", user,
                "password", "a-long-unusual-pass-1", "totp_code", TotpCodes.wrong(next)));
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> right = signIn(server, parameters, Map.of("username", user,
                "password", "a-long-unusual-pass-1", "totp_code", next));
        assertEquals(302, right.statusCode(), right.body());
        assertTrue(queryOf(right.headers().firstValue("Location").orElseThrow()).containsKey("code"));
    }

    @Test
    void aConfiguredClientIsSentOnlyToItsRegisteredRedirectUri() throws Exception {
        try (TestServer configured = TestServer.onDatabase(TestDatabases.H2,
                Map.of("OAUTH_CLIENTS", "spa=https://app.example/callback https://app.example/cb2"))) {
            Map<String, String> parameters = authorization(challenge(verifier()), "https://app.example/callback");
            parameters.put("client_id", "spa");
            HttpResponse<String> redirect = signIn(configured, parameters,
                    Map.of("username", "bob", "password", "bob-password-1"));
            assertEquals(302, redirect.statusCode(), redirect.body());
            assertTrue(redirect.headers().firstValue("Location").orElseThrow()
                    .startsWith("https://app.example/callback?code="));

            for (String other : java.util.List.of("https://app.example/callback/x", "https://app.example/callback?a=1",
                    "http://127.0.0.1:5000/callback")) {
                parameters.put("redirect_uri", other);
                assertEquals(400, configured.get("/oauth/authorize?" + query(parameters), null).statusCode(), other);
            }
        }
    }

    @Test
    void behindAProxyThatServesTheApiBelowAPrefixTheFormPostsBackThroughIt() throws Exception {
        try (TestServer prefixed = TestServer.onDatabase(TestDatabases.H2,
                Map.of("APP_PUBLIC_URL", "https://gateway.example/api"))) {
            HttpResponse<String> page = prefixed.get("/oauth/authorize?"
                    + query(authorization(challenge(verifier()), REDIRECT)), null);

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<form method=\"post\" action=\"/api/oauth/authorize\">"), page.body());
            assertTrue(page.headers().firstValue("Set-Cookie").orElse("").contains("; Path=/api/oauth/authorize;"));
        }
    }

    @Test
    void theMetadataNamesTheAuthorizationEndpointAndPkce() {
        JsonNode metadata = TestServer.json(server.get("/.well-known/oauth-authorization-server", null));

        assertEquals(server.app.baseUrl() + "/oauth/authorize", metadata.get("authorization_endpoint").asText());
        assertEquals("[\"code\"]", metadata.get("response_types_supported").toString());
        assertEquals("[\"S256\"]", metadata.get("code_challenge_methods_supported").toString());
        assertTrue(metadata.get("authorization_response_iss_parameter_supported").asBoolean());
        assertTrue(metadata.get("grant_types_supported").toString().contains("authorization_code"));
    }
}
