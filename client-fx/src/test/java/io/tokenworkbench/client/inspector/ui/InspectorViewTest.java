package io.tokenworkbench.client.inspector.ui;

import atlantafx.base.theme.PrimerLight;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Page;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.model.json.Json;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector in the real shell, headless, against a real backend started in-process. */
@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static String aliceToken;
    private AppContext context;

    @BeforeAll
    static void logInAlice() throws Exception {
        ApiClient api = ApiClient.create();
        ApiResult.Response response = (ApiResult.Response) api.send(ApiRequest.of("POST", backend.baseUrl(),
                "/v1/auth/token").withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("grant_type=password&username=alice&password=alice-password-1"));
        aliceToken = Json.mapper().readTree(response.body()).get("access_token").asText();
        api.shutdown();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        Shell shell = new Shell(context);
        shell.show(Page.INSPECTOR);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void alicesTokenShowsHerClaimsExpiryAndAVerifiedSignature(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText("Bearer " + aliceToken));

        Label signature = robot.lookup("#signatureStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signature.getText().startsWith("Signature verified"));
        TableView<?> claims = robot.lookup("#claimsTable").queryAs(TableView.class);
        assertTrue(claims.getItems().stream().anyMatch(row -> row.toString().contains("alice")));
        String expiry = robot.lookup("#expiryText").queryAs(Label.class).getText();
        assertTrue(expiry.startsWith("Expires in 1"), expiry);
        assertTrue(signature.getStyleClass().contains("success"));
    }

    @Test
    void theCookiesTabShowsASessionsCookiesWithTheirFlagsAndLints(FxRobot robot) throws Exception {
        ApiClient api = ApiClient.create();
        var outcome = new io.tokenworkbench.client.identity.IdentityService(api, java.time.Clock.systemUTC())
                .customLogin(backend.baseUrl(), new io.tokenworkbench.client.identity.IdentityService.CustomLogin(
                        "POST", "/v1/auth/session", "{\"username\": \"${username}\", \"password\": \"${password}\"}",
                        "", true, "", "X-CSRF-Token"), "mia", "mia-password-1");
        var session = ((io.tokenworkbench.client.identity.IdentityService.Outcome.Success) outcome).identity();
        robot.interact(() -> context.identities().add(session));

        robot.clickOn("#cookiesTab");
        TableView<?> cookies = robot.lookup("#cookiesTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !cookies.getItems().isEmpty());
        var report = (io.tokenworkbench.client.inspector.CookieLinter.Report) cookies.getItems().getFirst();
        assertEquals("session", report.cookie().name());
        assertTrue(report.flags().startsWith("HttpOnly, no Secure, SameSite=Lax"), report.flags());
        robot.interact(() -> cookies.getSelectionModel().select(0));
        var findings = robot.lookup("#cookieFindingsList").queryListView().getItems();
        assertTrue(findings.toString().contains("cookie-secure"), findings.toString());
        api.shutdown();
    }

    @Test
    void aTamperedTokenIsMarkedInvalid(FxRobot robot) throws Exception {
        String[] parts = aliceToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"alice\"", "\"root\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(tampered));

        Label signature = robot.lookup("#signatureStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signature.getText().startsWith("Signature invalid"));
        assertTrue(signature.getStyleClass().contains("danger"));
    }

    @Test
    void aBrokenTokenNamesTheSegment(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText("abc.def"));

        Label error = robot.lookup("#decodeError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> error.getText().startsWith("structure"));
    }

    @Test
    void aPastedSecretVerifiesAnHs256TokenAndAWrongOneDoesNot(FxRobot robot) throws Exception {
        String secret = "a-shared-secret-of-more-than-thirty-two-bytes";
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("42").build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret));
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(jwt.serialize()));
        robot.interact(() -> robot.lookup("#verificationKey").queryAs(TextArea.class).setText(secret));

        Label signature = robot.lookup("#signatureStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signature.getText().startsWith("Signature verified"));
        assertTrue(signature.getText().contains("pasted secret"), signature.getText());

        robot.interact(() -> robot.lookup("#verificationKey").queryAs(TextArea.class).setText(secret + "-wrong"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signature.getText().startsWith("Signature invalid"));

        robot.interact(() -> robot.lookup("#verificationKey").queryAs(TextArea.class).setText("{\"kty\": broken"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> signature.getText().startsWith("Not verified: the pasted key cannot be used"));
    }

    @Test
    void alicesAndBobsTokensCompareClaimByClaim(FxRobot robot) throws Exception {
        ApiClient api = ApiClient.create();
        ApiResult.Response response = (ApiResult.Response) api.send(ApiRequest.json("POST", backend.baseUrl(),
                "/v1/dev/tokens", "{\"username\":\"bob\",\"expires_in\":600}"));
        String bobToken = Json.mapper().readTree(response.body()).get("access_token").asText();
        api.shutdown();

        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(aliceToken));
        robot.clickOn("Compare");
        robot.interact(() -> robot.lookup("#compareInput").queryAs(TextArea.class).setText(bobToken));

        TableView<?> table = robot.lookup("#comparisonTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        var rows = table.getItems().stream().map(row -> (io.tokenworkbench.client.inspector.TokenComparison.Row) row)
                .toList();
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("sub") && r.left().equals("1") && r.right().equals("2")
                && r.difference() == io.tokenworkbench.client.inspector.TokenComparison.Difference.CHANGED), rows::toString);
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("iss")
                && r.difference() == io.tokenworkbench.client.inspector.TokenComparison.Difference.SAME));
        assertTrue(robot.lookup("#comparisonSummary").queryAs(Label.class).getText().endsWith("differences"));

        robot.clickOn("#onlyDifferencesCheck");
        assertTrue(table.getItems().stream().map(row -> (io.tokenworkbench.client.inspector.TokenComparison.Row) row)
                .noneMatch(r -> r.difference() == io.tokenworkbench.client.inspector.TokenComparison.Difference.SAME),
                "only the differences are left");
    }

    @Test
    void claimsComeRegisteredFirstAndTheTokenInItsThreeColours(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(aliceToken));

        TableView<?> claims = robot.lookup("#claimsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !claims.getItems().isEmpty());
        var names = claims.getItems().stream().map(row -> ((io.tokenworkbench.client.inspector.ClaimRow) row).name())
                .toList();
        assertEquals(java.util.List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti"), names.subList(0, 7), names::toString);
        var parts = robot.lookup("#tokenParts").queryAs(javafx.scene.text.TextFlow.class).getChildren();
        assertEquals(aliceToken.split("\\.")[0], ((javafx.scene.text.Text) parts.getFirst()).getText());
        assertEquals(javafx.scene.paint.Color.web(InspectorView.HEADER_COLOUR),
                ((javafx.scene.text.Text) parts.getFirst()).getFill());
    }

    @Test
    void aBrokenPayloadStillShowsItsHeaderAndSaysSoInTheLints(FxRobot robot) throws Exception {
        String header = aliceToken.split("\\.")[0];
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(header + ".bm90IGpzb24.c2ln"));

        TextArea headerJson = robot.lookup("#headerJson").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> headerJson.getText().contains("\"alg\""));
        var findings = robot.lookup("#findingsList").queryListView().getItems();
        assertTrue(findings.stream().anyMatch(f -> ((io.tokenworkbench.client.inspector.Finding) f).code()
                .equals("malformed")), findings::toString);
    }

    @Test
    void aGuessableSecretVerifiesItsTokenAndAnotherIssuerIsPointedOut(FxRobot robot) throws Exception {
        // jwt.io's example secret, shorter than RFC 7518 allows, so signed by hand rather than through nimbus.
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String unsigned = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes())
                + "." + url.encodeToString("{\"sub\":\"42\",\"iss\":\"https://auth.elsewhere.example\"}".getBytes());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("your-256-bit-secret".getBytes(), "HmacSHA256"));
        String token = unsigned + "." + url.encodeToString(mac.doFinal(unsigned.getBytes()));
        robot.interact(() -> robot.lookup("#tokenInput").queryAs(TextArea.class).setText(token));

        Label signature = robot.lookup("#signatureStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !signature.getText().startsWith("Checking"));
        assertEquals("Signature verified (HS256) with the guessable secret the lint found (“your-256-bit-secret”)",
                signature.getText());
        var findings = robot.lookup("#findingsList").queryListView().getItems();
        assertTrue(findings.stream().anyMatch(f -> ((io.tokenworkbench.client.inspector.Finding) f).code()
                .equals("other-issuer")), findings::toString);
    }
}
