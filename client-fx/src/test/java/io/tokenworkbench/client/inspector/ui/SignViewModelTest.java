package io.tokenworkbench.client.inspector.ui;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.forge.Recipe;
import io.tokenworkbench.client.forge.TokenForge;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import io.tokenworkbench.client.inspector.TokenLinter;
import io.tokenworkbench.client.server.ServerProbe;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sign tab's view-model with same-thread executors: no server, real crypto. */
class SignViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final ApiClient API = ApiClient.create();
    private final ObservableList<Identity> identities = FXCollections.observableArrayList();
    private final SignViewModel model = new SignViewModel(new TokenForge(new Forgery(CLOCK)), new TokenLinter(CLOCK),
            new ServerProbe(API), new IdentityService(API, CLOCK), identities,
            new SimpleStringProperty("http://127.0.0.1:8000"), CLOCK,
            new io.tokenworkbench.client.support.ui.BackgroundTasks(Runnable::run, Runnable::run),
            new io.tokenworkbench.client.support.RecordingClipboard());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    @Test
    void aPastedSecretSignsTheDraftAsWritten() throws Exception {
        model.keyTextProperty().set("the-server-secret-that-is-long-enough");

        model.sign();

        assertEquals(1, model.results().size(), model.messageProperty().get());
        SignedJWT jwt = SignedJWT.parse(model.results().getFirst().token());
        assertTrue(jwt.verify(new MACVerifier("the-server-secret-that-is-long-enough")));
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
        assertEquals(CLOCK.instant().plusSeconds(900), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void aGeneratedKeyPairSignsAndShowsItsPublicHalf() throws Exception {
        model.keySourceProperty().set(SignViewModel.KeySource.GENERATED_RSA);
        model.headerProperty().set("{\"typ\": \"JWT\"}");

        model.sign();

        JWK published = JWK.parse(model.publicKeyProperty().get());
        SignedJWT jwt = SignedJWT.parse(model.results().getFirst().token());
        assertEquals(published.getKeyID(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(published.toRSAKey())));
        assertTrue(!published.isPrivate(), "only the public half is shown");
    }

    @Test
    void aRecipeMakesEveryAttemptAndEachCanBecomeAnIdentity() {
        model.keySourceProperty().set(SignViewModel.KeySource.RECIPE);
        model.recipeProperty().set(Recipe.NONE_VARIANTS);

        model.sign();
        model.addAsIdentity(model.results().get(1));

        assertEquals(4, model.results().size());
        assertEquals(1, identities.size());
        assertTrue(identities.getFirst().label().contains("alg None"), identities.getFirst().label());
        assertEquals("http://127.0.0.1:8000", identities.getFirst().origin());
    }

    @Test
    void lintsFollowTheDraftAndBadJsonIsExplained() {
        model.payloadProperty().set("{\"sub\": \"alice\", \"password\": \"hunter2\"}");
        assertTrue(model.lints().stream().anyMatch(f -> f.code().equals("no-exp")), model.lints()::toString);
        assertTrue(model.lints().stream().anyMatch(f -> f.message().toLowerCase().contains("password")),
                model.lints()::toString);

        model.payloadProperty().set("{\"sub\": ");
        assertTrue(model.lints().getFirst().message().startsWith("The payload is not JSON"), model.lints()::toString);
        model.keyTextProperty().set("a secret");
        model.sign();
        assertTrue(model.messageProperty().get().startsWith("The payload is not JSON"), model.messageProperty().get());
        assertTrue(model.results().isEmpty());
    }

    @Test
    void aPublicKeyIsRefusedWithAReasonThatQuotesNoKey() {
        model.keySourceProperty().set(SignViewModel.KeySource.PEM);
        model.keyTextProperty().set("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----");

        model.sign();

        assertEquals("Cannot sign: this is a public key: signing needs the private key", model.messageProperty().get());
    }
}
