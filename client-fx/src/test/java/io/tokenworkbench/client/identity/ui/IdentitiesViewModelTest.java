package io.tokenworkbench.client.identity.ui;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.identity.RememberedLogins;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identities page's messages are news, not history: they go after half a minute (issue 11, #10); they call a
 * server's failure a failure, not a refusal.
 */
class IdentitiesViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final ApiClient API = ApiClient.create();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    @Test
    void aMessageIsClearedOnceItIsNoLongerNewsAndActivatingSaysSo(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        SimpleObjectProperty<Identity> active = new SimpleObjectProperty<>();
        IdentitiesViewModel model = new IdentitiesViewModel(FXCollections.observableArrayList(), active,
                new SimpleStringProperty("http://127.0.0.1:9"), new IdentityService(API, clock),
                new RememberedLogins(dir), clock, new BackgroundTasks(Runnable::run, Runnable::run));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("7")
                .claim("username", "carol").build());
        jwt.sign(new MACSigner("a-test-secret-of-at-least-thirty-two-bytes"));

        model.rawTokenProperty().set(jwt.serialize());
        model.useRawToken();
        assertTrue(model.messageProperty().get().startsWith("Added raw token (carol)"), model.messageProperty().get());
        assertEquals(model.identities().getFirst(), active.get(), "a new identity becomes the active one");

        model.tick(NOW.plusSeconds(29));
        assertTrue(model.messageProperty().get().startsWith("Added"), "still news after 29 s");
        model.tick(NOW.plus(IdentitiesViewModel.MESSAGE_LIFETIME).plusSeconds(1));
        assertEquals("", model.messageProperty().get(), "gone after half a minute");

        model.activate(model.identities().getFirst());
        assertEquals("raw token (carol) is active: requests go out as raw token (carol)",
                model.messageProperty().get());
        assertFalse(model.canRemember(model.identities().getFirst()), "a pasted token has no refresh token to keep");
    }

    @Test
    void aCookieSessionOnOurBackendStartsFromItsSessionLoginElsewhereFromTheGenericPath(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        IdentitiesViewModel model = new IdentitiesViewModel(FXCollections.observableArrayList(),
                new SimpleObjectProperty<>(), new SimpleStringProperty("http://127.0.0.1:9"),
                new IdentityService(API, clock), new RememberedLogins(dir), clock,
                new BackgroundTasks(Runnable::run, Runnable::run));

        model.demoAvailableProperty().set(false);
        model.kindProperty().set(IdentitiesViewModel.Kind.SESSION);
        assertEquals("/auth/login", model.loginPathProperty().get(), "another API: the generic default");

        model.kindProperty().set(IdentitiesViewModel.Kind.PASSWORD);
        model.demoAvailableProperty().set(true);
        model.kindProperty().set(IdentitiesViewModel.Kind.SESSION);
        assertEquals("/v1/auth/session", model.loginPathProperty().get());

        model.kindProperty().set(IdentitiesViewModel.Kind.CUSTOM);
        model.loginPathProperty().set("/my/login");
        model.kindProperty().set(IdentitiesViewModel.Kind.SESSION);
        assertEquals("/my/login", model.loginPathProperty().get(), "a path the user typed stays");
    }

    @Test
    void aTokenEndpointThatFailsIsNotCalledARefusal(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            IdentitiesViewModel model = new IdentitiesViewModel(FXCollections.observableArrayList(),
                    new SimpleObjectProperty<>(), new SimpleStringProperty("http://127.0.0.1:"
                    + server.getAddress().getPort()), new IdentityService(API, clock), new RememberedLogins(dir),
                    clock, new BackgroundTasks(Runnable::run, Runnable::run));
            model.tokenEndpointProperty().set("/token");
            model.usernameProperty().set("johndoe");
            model.passwordProperty().set("secret");
            model.login();
            assertEquals("The server failed (500): HTTP 500; its log may say why", model.messageProperty().get());
        } finally {
            server.stop(0);
        }
    }
}
