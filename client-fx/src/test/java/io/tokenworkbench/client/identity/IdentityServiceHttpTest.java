package io.tokenworkbench.client.identity;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging identities in, refreshing and logging out against a real backend. */
class IdentityServiceHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private final IdentityService identities = new IdentityService(API, Clock.systemUTC());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    @Test
    void aPasswordLoginYieldsTokensAndATimeline() {
        Identity alice = success(identities.login(backend.baseUrl(), "alice", "alice-password-1", null));

        TokenSet tokens = alice.currentTokens().orElseThrow();
        assertEquals("alice", alice.label());
        assertTrue(tokens.expiresAt().isAfter(tokens.issuedAt()));
        assertEquals(200, status("/protected", tokens.accessToken()));
        assertEquals(TimelineEvent.Kind.ISSUED, alice.timeline().getFirst().kind());
    }

    @Test
    void aCookieSessionFindsItsCsrfTokenAndSendsItOnUnsafeRequestsOnly() {
        Identity session = success(identities.customLogin(backend.baseUrl(), new IdentityService.CustomLogin("POST",
                "/v1/auth/session", "{\"username\": \"${username}\", \"password\": \"${password}\"}", "", true, "", "X-CSRF-Token"), "bob",
                "bob-password-1"));

        assertTrue(session.timeline().getLast().detail().contains("CSRF token for X-CSRF-Token"),
                session.timeline().getLast().detail());
        ApiClient withCookies = API.withCookies(session.cookies());
        ApiRequest write = session.authorize(ApiRequest.json("POST", backend.baseUrl(), "/v1/posts",
                "{\"title\":\"By session\",\"content\":\"x\"}"));
        assertTrue(write.header("X-CSRF-Token").isPresent());
        assertEquals(201, ((ApiResult.Response) withCookies.send(write)).status());
        ApiRequest read = session.authorize(ApiRequest.get(backend.baseUrl(), "/v1/users/me"));
        assertTrue(read.header("X-CSRF-Token").isEmpty(), "a GET needs no CSRF token");
        assertEquals(200, ((ApiResult.Response) withCookies.send(read)).status());
        assertEquals(403, ((ApiResult.Response) withCookies.send(ApiRequest.json("POST", backend.baseUrl(),
                "/v1/posts", "{\"title\":\"No token\",\"content\":\"x\"}"))).status());

        String cookie = "session=" + session.cookies().value("session").orElseThrow();
        Identity out = success(identities.logout(backend.baseUrl(), session));
        assertTrue(!out.hasCredentials() && out.timeline().getLast().detail().contains("the server ended the session"));
        assertEquals(401, ((ApiResult.Response) API.send(ApiRequest.get(backend.baseUrl(), "/v1/users/me")
                .withHeader("Cookie", cookie))).status(), "ended on the server, not only forgotten here");
    }

    @Test
    void aNarrowedLoginIsLabelledWithItsScope() {
        Identity narrowed = success(identities.login(backend.baseUrl(), "alice", "alice-password-1", "posts:read"));

        assertEquals("alice (posts:read)", narrowed.label());
        assertEquals("posts:read", narrowed.currentTokens().orElseThrow().scope());
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersReason() {
        var refused = assertInstanceOf(IdentityService.Outcome.Refused.class,
                identities.login(backend.baseUrl(), "alice", "wrong", null));

        assertEquals(401, refused.status());
        assertTrue(refused.reason().startsWith("invalid_grant"), refused.reason());
        assertEquals(TimelineEvent.Kind.FAILED, refused.identity().timeline().getLast().kind());
    }

    @Test
    void anUnreachableServerIsAFailureThatSaysSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var failed = assertInstanceOf(IdentityService.Outcome.Failed.class,
                identities.login("http://127.0.0.1:" + port, "alice", "alice-password-1", null));
        assertTrue(failed.reason().contains("Connection refused"), failed.reason());
    }

    @Test
    void refreshRotatesAndLogoutRevokes() {
        Identity bob = success(identities.login(backend.baseUrl(), "bob", "bob-password-1", null));
        Identity refreshed = success(identities.refresh(backend.baseUrl(), bob));

        assertNotEquals(bob.currentTokens().orElseThrow().refreshToken(),
                refreshed.currentTokens().orElseThrow().refreshToken());
        assertEquals(TimelineEvent.Kind.REFRESHED, refreshed.timeline().getLast().kind());

        String access = refreshed.currentTokens().orElseThrow().accessToken();
        Identity loggedOut = success(identities.logout(backend.baseUrl(), refreshed));
        assertNull(loggedOut.tokens());
        assertEquals(TimelineEvent.Kind.REVOKED, loggedOut.timeline().getLast().kind());
        assertEquals(401, status("/protected", access));
        assertInstanceOf(IdentityService.Outcome.Refused.class, identities.refresh(backend.baseUrl(), refreshed),
                "the refresh family died with the logout");
    }

    @Test
    void rawTokensCannotBeRefreshed() {
        Identity raw = identities.rawToken(backend.baseUrl(), "pasted", "a.b.c", null);
        assertTrue(raw.isRawToken());
        assertInstanceOf(IdentityService.Outcome.Refused.class, identities.refresh(backend.baseUrl(), raw));
    }

    private static Identity success(IdentityService.Outcome outcome) {
        return assertInstanceOf(IdentityService.Outcome.Success.class, outcome, outcome::toString).identity();
    }

    private static int status(String path, String token) {
        return ((ApiResult.Response) API.send(ApiRequest.get(backend.baseUrl(), path).withBearer(token))).status();
    }
}
