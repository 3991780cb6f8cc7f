package io.tokenworkbench.client.inspector.ui;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.inspector.TokenComparison;
import io.tokenworkbench.client.inspector.TokenLinter;
import io.tokenworkbench.client.server.ServerProbe;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's view-model on its own, with both executors running tasks at once. */
class InspectorViewModelTest {

    private static final ApiClient API = ApiClient.create();
    private static final String SECRET = "a-shared-secret-of-more-than-thirty-two-bytes";

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    private static InspectorViewModel model() {
        return new InspectorViewModel(new ServerProbe(API), new TokenLinter(Clock.systemUTC()), Clock.systemUTC(),
                new SimpleStringProperty("http://127.0.0.1:9"),
                new io.tokenworkbench.client.support.ui.BackgroundTasks(Runnable::run, Runnable::run));
    }

    private static String token(String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    @Test
    void withoutAReachableJwksTheSignatureIsNotVerifiedAndSaysWhy() throws Exception {
        InspectorViewModel model = model();

        model.inputProperty().set(token("1"));

        assertEquals(InspectorViewModel.SignatureState.NO_KEY, model.signatureStateProperty().get());
        assertTrue(model.signatureTextProperty().get().contains("cannot load the server's JWKS"));
        assertTrue(model.expiryTextProperty().get().startsWith("Expires in"));
        assertTrue(model.claims().stream().anyMatch(row -> row.name().equals("sub")));
    }

    @Test
    void aPastedSecretVerifiesAndTheComparisonFollowsBothInputs() throws Exception {
        InspectorViewModel model = model();
        model.inputProperty().set(token("1"));

        model.verificationKeyProperty().set(SECRET);
        assertEquals(InspectorViewModel.SignatureState.VERIFIED, model.signatureStateProperty().get());

        model.compareInputProperty().set(token("2"));
        assertTrue(model.comparison().stream().anyMatch(row -> row.name().equals("sub")
                && row.difference() == TokenComparison.Difference.CHANGED));
        model.compareInputProperty().set("not a token");
        assertTrue(model.comparisonTextProperty().get().startsWith("The second token cannot be decoded"),
                model.comparisonTextProperty().get());
        assertTrue(model.comparison().isEmpty());
    }
}
