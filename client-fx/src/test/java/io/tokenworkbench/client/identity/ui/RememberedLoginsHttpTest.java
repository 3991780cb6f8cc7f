package io.tokenworkbench.client.identity.ui;

import com.sun.net.httpserver.HttpServer;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.identity.RememberedLogins;
import io.tokenworkbench.client.identity.TokenSet;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remembered logins against a real backend that rotates refresh tokens: a remembered identity comes back at the next
 * start, every rotation is remembered in place of the spent token, a login the server no longer honours is forgotten
 * and said so, one that cannot be tried is kept, logging out or removing forgets it.
 */
class RememberedLoginsHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private final Clock clock = Clock.systemUTC();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private IdentitiesViewModel session(Path configDir, String server) {
        return new IdentitiesViewModel(FXCollections.observableArrayList(), new SimpleObjectProperty<>(),
                new SimpleStringProperty(server), new IdentityService(API, clock), new RememberedLogins(configDir),
                clock, new BackgroundTasks(Runnable::run, Runnable::run));
    }

    private static IdentitiesViewModel loggedIn(IdentitiesViewModel model, String username, String password) {
        model.usernameProperty().set(username);
        model.passwordProperty().set(password);
        model.login();
        return model;
    }

    private static String storedRefreshToken(Path configDir) {
        List<RememberedLogins.Entry> entries = new RememberedLogins(configDir).forServer(backend.baseUrl());
        assertEquals(1, entries.size(), entries::toString);
        return entries.getFirst().refreshToken();
    }

    private static String refreshTokenOf(Identity identity) {
        return identity.currentTokens().flatMap(TokenSet::refresh).orElseThrow();
    }

    @Test
    void aRememberedLoginComesBackAtTheNextStartAndEveryRotationIsRemembered(@TempDir Path configDir) {
        IdentitiesViewModel first = loggedIn(session(configDir, backend.baseUrl()), "alice", "alice-password-1");
        Identity alice = first.identities().getFirst();
        first.remember(alice);
        assertTrue(first.isRemembered(alice));
        assertEquals(refreshTokenOf(alice), storedRefreshToken(configDir));

        first.refresh(alice);
        Identity refreshed = first.identities().getFirst();
        assertNotEquals(refreshTokenOf(alice), refreshTokenOf(refreshed), "the server rotated it");
        assertEquals(refreshTokenOf(refreshed), storedRefreshToken(configDir), "the spent one is not kept");

        IdentitiesViewModel next = session(configDir, backend.baseUrl());
        next.restoreRemembered();
        Identity back = next.identities().getFirst();
        assertEquals("alice", back.label());
        assertEquals(back, next.activeProperty().get());
        assertTrue(next.isRemembered(back));
        assertEquals("Brought back alice from remembered logins.", next.messageProperty().get());
        assertEquals(200, status(back.tokens().accessToken()), "a working access token");
        assertNotEquals(refreshTokenOf(refreshed), refreshTokenOf(back));
        assertEquals(refreshTokenOf(back), storedRefreshToken(configDir), "the restore's rotation is remembered too");

        next.logout(back);
        assertTrue(new RememberedLogins(configDir).forServer(backend.baseUrl()).isEmpty(),
                "a logout revokes the refresh token, so the login is forgotten");
        assertEquals("alice logged out; its remembered login is forgotten", next.messageProperty().get());
    }

    @Test
    void aLoginTheServerNoLongerHonoursIsForgottenAndSaidSo(@TempDir Path configDir) throws Exception {
        IdentitiesViewModel first = loggedIn(session(configDir, backend.baseUrl()), "bob", "bob-password-1");
        Identity bob = first.identities().getFirst();
        first.remember(bob);
        first.refresh(bob);
        new RememberedLogins(configDir).remember(backend.baseUrl(), bob, Instant.now().plusSeconds(60));

        IdentitiesViewModel next = session(configDir, backend.baseUrl());
        next.restoreRemembered();
        assertTrue(next.identities().isEmpty());
        String message = next.messageProperty().get();
        assertTrue(message.startsWith("bob's remembered login was refused (40"), message);
        assertTrue(message.endsWith("it is forgotten: log in again"), message);
        assertTrue(new RememberedLogins(configDir).forServer(backend.baseUrl()).isEmpty());
    }

    @Test
    void aLoginThatCannotBeTriedIsKeptForNextTime(@TempDir Path configDir) throws Exception {
        String nowhere = "http://127.0.0.1:" + freePort();
        Identity sam = Identity.withTokens("sam-1", "sam", "sam", null, new TokenSet("access", "refresh",
                Instant.now(), Instant.now().plusSeconds(900), null), List.of(), nowhere, nowhere + "/v1/auth/token");
        new RememberedLogins(configDir).remember(nowhere, sam, Instant.now());

        IdentitiesViewModel offline = session(configDir, nowhere);
        offline.restoreRemembered();
        assertTrue(offline.identities().isEmpty());
        assertTrue(offline.messageProperty().get().startsWith("sam's remembered login could not be tried"),
                offline.messageProperty().get());
        assertTrue(offline.messageProperty().get().endsWith("kept for next time"));
        assertEquals(1, new RememberedLogins(configDir).forServer(nowhere).size());
    }

    @Test
    void removingAnIdentityForgetsItsLogin(@TempDir Path configDir) {
        IdentitiesViewModel model = loggedIn(session(configDir, backend.baseUrl()), "mia", "mia-password-1");
        Identity mia = model.identities().getFirst();
        model.remember(mia);
        model.remove(mia);
        assertTrue(model.identities().isEmpty());
        assertTrue(new RememberedLogins(configDir).forServer(backend.baseUrl()).isEmpty());
        assertEquals("Forgot mia's remembered login", model.messageProperty().get());
    }

    @Test
    void aServerThatDoesNotRotateKeepsTheRefreshTokenInUse() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = (form.contains("grant_type=refresh_token")
                    ? "{\"access_token\":\"renewed\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                    : "{\"access_token\":\"first\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                    + "\"refresh_token\":\"long-lived\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            IdentityService service = new IdentityService(API, clock);
            Identity carol = assertInstanceOf(IdentityService.Outcome.Success.class,
                    service.login(url, "/token", "carol", "carol-password", null)).identity();
            Identity renewed = assertInstanceOf(IdentityService.Outcome.Success.class,
                    service.refresh(url, carol)).identity();
            assertEquals("renewed", renewed.tokens().accessToken());
            assertEquals("long-lived", refreshTokenOf(renewed), "the refresh token the server kept stays in use");
            assertEquals("refreshed (the server kept the refresh token)", renewed.timeline().getLast().detail());
        } finally {
            server.stop(0);
        }
    }

    private static int status(String accessToken) {
        ApiResult result = API.send(ApiRequest.get(backend.baseUrl(), "/protected").withBearer(accessToken));
        return assertInstanceOf(ApiResult.Response.class, result).status();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
