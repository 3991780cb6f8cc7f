package io.tokenworkbench.client.totp.ui;

import atlantafx.base.theme.PrimerLight;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.app.Page;
import io.tokenworkbench.client.app.Shell;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.IdentityService;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TOTP enrolment headless against a real backend: QR code, a wrong code refused, the right one accepted, then the
 * TOTP removed with the next code.
 */
@ExtendWith(ApplicationExtension.class)
class TotpViewTest {

    @TempDir
    static Path configDir;
    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private AppContext context;
    private final io.tokenworkbench.client.support.FakeDialogs dialogs =
            new io.tokenworkbench.client.support.FakeDialogs().agreeing(true);

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        context = backend.workbenchContext(configDir);
        context.useDialogs(dialogs);
        Identity sam = ((IdentityService.Outcome.Success) context.identityService()
                .login(backend.baseUrl(), "sam", "sam-password-1", null)).identity();
        context.identities().add(sam);
        context.activeIdentity().set(sam);
        Shell shell = new Shell(context);
        shell.show(Page.TOTP);
        stage.setScene(new Scene(shell, 1200, 800));
        stage.show();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void samEnrolsSeesTheQrCodeAndActivatesWithACode(FxRobot robot) throws Exception {
        robot.clickOn("#totpEnrol");

        TextField secret = robot.lookup("#totpSecret").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !secret.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ImageView qr = robot.lookup("#totpQr").queryAs(ImageView.class);
        assertNotNull(qr.getImage(), "the otpauth URI is shown as a QR code");
        assertTrue(robot.lookup("#totpUri").queryAs(TextField.class).getText().startsWith("otpauth://totp/"));

        Label result = robot.lookup("#totpResult").queryAs(Label.class);
        robot.clickOn("#totpCode").write("000000").clickOn("#totpVerify");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("Code refused"));
        assertTrue(result.getStyleClass().contains("danger"));

        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
        String code = totp.generateOneTimePasswordString(
                new SecretKeySpec(new Base32().decode(secret.getText()), totp.getAlgorithm()), Instant.now());
        robot.interact(() -> robot.lookup("#totpCode").queryAs(TextField.class).setText(code));
        robot.clickOn("#totpVerify");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("Code accepted"));
        assertTrue(result.getStyleClass().contains("success"));

        String nextCode = totp.generateOneTimePasswordString(
                new SecretKeySpec(new Base32().decode(secret.getText()), totp.getAlgorithm()), Instant.now().plusSeconds(30));
        robot.interact(() -> robot.lookup("#totpCode").queryAs(TextField.class).setText(nextCode));
        robot.clickOn("#totpRemove");
        assertTrue(dialogs.asked().getLast().startsWith("Remove the second factor"), dialogs.asked()::toString);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith("TOTP removed"));
        assertTrue(secret.getText().isEmpty(), "the removed secret is no longer shown");
    }

    @Test
    void aCodeThatIsNotSixDigitsIsRefusedBeforeSending(FxRobot robot) throws Exception {
        Label result = robot.lookup("#totpResult").queryAs(Label.class);
        robot.interact(() -> robot.lookup("#totpCode").queryAs(TextField.class).setText("12ab"));
        robot.clickOn("#totpVerify");
        assertEquals("Enter the 6-digit code your authenticator shows", result.getText());
    }
}
