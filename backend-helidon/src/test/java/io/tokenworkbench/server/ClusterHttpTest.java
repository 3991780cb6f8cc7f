package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three instances behind one public URL on one PostgreSQL, each step of a scenario sent to another instance, as a
 * load balancer would: sessions, refresh rotation and reuse detection, logout, deletion, password reset and the
 * shared rate limits all hold across them.
 */
class ClusterHttpTest {

    /** How long a revocation made on one instance may take to reach another (TokenInvalidations' sync). */
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private final List<TestServer> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(TestServer::close);
    }

    /** Three instances sharing a fresh PostgreSQL database, a data folder (the dev signing key) and a public URL. */
    private List<TestServer> cluster(Map<String, String> environment) {
        return cluster(environment, Clock.systemUTC());
    }

    private List<TestServer> cluster(Map<String, String> environment, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("twb-cluster");
            Map<String, String> env = new HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_PORT", "0",
                    "SERVER_HOST", "127.0.0.1", "APP_DATA_DIR", dir.toString(),
                    "APP_PUBLIC_URL", "https://api.example.test", "SECURITY_RATE_LIMITS_ENABLED", "false"));
            env.putAll(TestDatabases.fresh(TestDatabases.POSTGRESQL));
            env.putAll(environment);
            for (int i = 0; i < 3; i++) {
                instances.add(TestServer.start(AppConfig.load(env), dir, clock));
            }
            return instances;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the condition, which another instance's change makes true, for at most {@link #PROPAGATION}. */
    private static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (!condition.get()) {
            assertTrue(Instant.now().isBefore(deadline), what + " did not happen within " + PROPAGATION);
            Thread.sleep(25);
        }
    }

    private static HttpResponse<String> refresh(TestServer server, String refreshToken) {
        return server.form("/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    @Test
    void aSessionStartedOnOneInstanceGoesOnOnTheOthers() {
        List<TestServer> lb = cluster(Map.of());
        var pair = lb.get(0).login("alice", "alice-password-1", null);

        assertEquals(200, lb.get(1).get("/v1/users/me", pair.get("access_token").asText()).statusCode());
        HttpResponse<String> refreshed = refresh(lb.get(2), pair.get("refresh_token").asText());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(200, lb.get(0).get("/protected", TestServer.json(refreshed).get("access_token").asText())
                .statusCode());
    }

    /** A cookie session's headers (cookie and CSRF token), logged in on this instance. */
    private static Map<String, String> session(TestServer instance, String username, String password) {
        HttpResponse<String> login = instance.send("POST", "/v1/auth/session", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        java.net.HttpCookie cookie = java.net.HttpCookie.parse(login.headers().firstValue("Set-Cookie").orElseThrow())
                .getFirst();
        assertEquals("__Host-session", cookie.getName(), "the public URL is https");
        return Map.of("Cookie", cookie.getName() + "=" + cookie.getValue(),
                "X-CSRF-Token", TestServer.json(login).get("csrf_token").asText());
    }

    private static int me(TestServer instance, Map<String, String> session) {
        return instance.send("GET", "/v1/users/me", null, null, session).statusCode();
    }

    @Test
    void aCookieSessionWorksOnEveryInstanceAndItsLogoutEndsItOnAllOfThemAtOnce() {
        List<TestServer> lb = cluster(Map.of());
        Map<String, String> session = session(lb.get(0), "alice", "alice-password-1");

        assertEquals(200, me(lb.get(1), session));
        assertEquals(201, lb.get(2).send("POST", "/v1/posts", null, "{\"title\":\"t\",\"content\":\"c\"}", session)
                .statusCode());
        assertEquals(204, lb.get(1).send("DELETE", "/v1/auth/session", null, null, session).statusCode());

        for (TestServer instance : lb) {
            assertEquals(401, me(instance, session), "no propagation delay: every instance reads the session");
        }
    }

    @Test
    void aRefreshTokenSpentTwiceOnDifferentInstancesEndsTheFamilyEverywhere() {
        List<TestServer> lb = cluster(Map.of());
        String first = lb.get(0).login("bob", "bob-password-1", null).get("refresh_token").asText();
        HttpResponse<String> rotated = refresh(lb.get(0), first);
        assertEquals(200, rotated.statusCode());
        String successor = TestServer.json(rotated).get("refresh_token").asText();

        assertEquals(401, refresh(lb.get(1), first).statusCode(), "the reuse is detected on another instance");
        assertEquals(401, refresh(lb.get(2), successor).statusCode(), "and the whole family is gone");
    }

    @Test
    void aLogoutOnOneInstanceIsRefusedOnTheOthers() throws Exception {
        List<TestServer> lb = cluster(Map.of());
        String token = lb.get(0).accessToken("alice");
        assertEquals(200, lb.get(1).get("/protected", token).statusCode());
        assertEquals(200, lb.get(2).get("/protected", token).statusCode());

        assertEquals(204, lb.get(0).send("POST", "/v1/auth/logout", token, null).statusCode());

        assertEquals(401, lb.get(0).get("/protected", token).statusCode(), "at once where it was revoked");
        eventually("the revocation reaching instance B", () -> lb.get(1).get("/protected", token).statusCode() == 401);
        eventually("the revocation reaching instance C", () -> lb.get(2).get("/protected", token).statusCode() == 401);
    }

    /**
     * With every instance's clock stopped no instance ever polls the invalidation log again: only PostgreSQL's
     * notices can carry the logout across.
     */
    @Test
    void aRevocationReachesTheOtherInstancesByNoticeWithoutWaitingForAPoll() throws Exception {
        List<TestServer> lb = cluster(Map.of(), new MutableClock(Instant.now()));
        String token = lb.get(0).accessToken("alice");
        assertEquals(200, lb.get(1).get("/protected", token).statusCode());
        assertEquals(200, lb.get(2).get("/protected", token).statusCode());

        assertEquals(204, lb.get(0).send("POST", "/v1/auth/logout", token, null).statusCode());

        eventually("the notice reaching instance B", () -> lb.get(1).get("/protected", token).statusCode() == 401);
        eventually("the notice reaching instance C", () -> lb.get(2).get("/protected", token).statusCode() == 401);
    }

    @Test
    void aUserDeletedOnOneInstanceLosesTheirTokensOnTheOthers() throws Exception {
        List<TestServer> lb = cluster(Map.of());
        long id = TestServer.json(lb.get(0).send("POST", "/v1/auth/register", null,
                "{\"username\":\"erin\",\"email\":\"erin@example.com\",\"password\":\"a-long-unusual-pass-2\"}"))
                .get("id").asLong();
        String token = lb.get(0).login("erin", "a-long-unusual-pass-2", null).get("access_token").asText();
        assertEquals(200, lb.get(0).get("/protected", token).statusCode());
        Map<String, String> session = session(lb.get(2), "erin", "a-long-unusual-pass-2");

        assertEquals(204, lb.get(1).send("DELETE", "/v1/users/" + id, lb.get(1).accessToken("root"), null)
                .statusCode());

        assertEquals(401, me(lb.get(2), session), "her cookie session ends at once, where it was started too");

        eventually("the deletion reaching instance A", () -> lb.get(0).get("/protected", token).statusCode() == 401);
    }

    @Test
    void aPasswordResetAsksOnOneInstanceAndConfirmsOnAnother() throws Exception {
        List<TestServer> lb = cluster(Map.of());
        String oldRefresh = lb.get(2).login("mia", "mia-password-1", null).get("refresh_token").asText();
        Map<String, String> session = session(lb.get(0), "mia", "mia-password-1");

        assertEquals(202, lb.get(0).send("POST", "/v1/auth/password-reset/request", null,
                "{\"email\":\"mia@example.com\"}").statusCode());
        Pattern resetToken = Pattern.compile("\\\\n\\\\n([A-Za-z0-9_-]{43})\\\\n\\\\n");
        // the request is answered before its mail is written (the outbox queue): wait for it to reach the database
        eventually("the mail reaching the shared outbox",
                () -> resetToken.matcher(lb.get(1).get("/v1/dev/outbox", null).body()).find());
        Matcher token = resetToken.matcher(lb.get(1).get("/v1/dev/outbox", null).body());
        assertTrue(token.find(), "the mail is in the shared outbox");
        assertEquals(204, lb.get(1).send("POST", "/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token.group(1) + "\",\"new_password\":\"a-brand-new-passphrase-9\"}").statusCode());

        assertEquals(401, refresh(lb.get(2), oldRefresh).statusCode(), "old sessions end on every instance");
        assertEquals(401, me(lb.get(2), session), "cookie sessions too");
        assertEquals(200, lb.get(0).form("/v1/auth/token", Map.of("grant_type", "password", "username", "mia",
                "password", "a-brand-new-passphrase-9")).statusCode());
    }

    @Test
    void aBurstSpreadOverTheInstancesGetsExactlyTheSharedQuota() throws Exception {
        List<TestServer> lb = cluster(Map.of("SECURITY_RATE_LIMITS_ENABLED", "true",
                "SECURITY_RATE_LIMITS_STORE", "database"));

        List<HttpResponse<String>> answers = AtOnce.run(30, i -> () -> lb.get(i % 3).form("/v1/auth/token",
                Map.of("grant_type", "password", "username", "alice", "password", "alice-password-1")));

        assertEquals(10, answers.stream().filter(a -> a.statusCode() == 200).count(),
                "the token endpoint's 10 a minute per address, across all three instances");
        assertTrue(answers.stream().allMatch(a -> a.statusCode() == 200 || a.statusCode() == 429));
    }
}
