package io.tokenworkbench.client.totp.ui;

import com.google.zxing.common.BitMatrix;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.support.ui.BackgroundTasks;
import io.tokenworkbench.client.support.Dialogs;
import io.tokenworkbench.client.support.TextClipboard;
import io.tokenworkbench.client.totp.TotpService;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Supplier;

/** TOTP for the active identity: enrol, see the secret and its QR code, verify a code, use it, remove it. */
public final class TotpViewModel {

    /** How the last action came out, for colouring. */
    public enum Result { NONE, SUCCESS, FAILURE }

    private final ReadOnlyStringWrapper secret = new ReadOnlyStringWrapper(this, "secret", "");
    private final ReadOnlyStringWrapper uri = new ReadOnlyStringWrapper(this, "uri", "");
    private final ReadOnlyObjectWrapper<BitMatrix> qr = new ReadOnlyObjectWrapper<>(this, "qr");
    private final StringProperty code = new SimpleStringProperty(this, "code", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result", Result.NONE);

    private final TotpService service;
    private final ObjectProperty<Identity> activeIdentity;
    private final StringProperty serverUrl;
    private final BackgroundTasks tasks;
    private final Dialogs dialogs;
    private final TextClipboard clipboard;

    public TotpViewModel(TotpService service, ObjectProperty<Identity> activeIdentity, StringProperty serverUrl,
                         BackgroundTasks tasks, Dialogs dialogs, TextClipboard clipboard) {
        this.service = service;
        this.activeIdentity = activeIdentity;
        this.serverUrl = serverUrl;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        activeIdentity.addListener((obs, old, now) -> {
            secret.set("");
            uri.set("");
            qr.set(null);
            result.set(Result.NONE);
            message.set(now == null ? "Log in (Identities) to enrol" : "Acting as " + now.label());
        });
        message.set(activeIdentity.get() == null ? "Log in (Identities) to enrol"
                : "Acting as " + activeIdentity.get().label());
    }

    public ReadOnlyStringProperty secretProperty() {
        return secret.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uriProperty() {
        return uri.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BitMatrix> qrProperty() {
        return qr.getReadOnlyProperty();
    }

    public StringProperty codeProperty() {
        return code;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public void enrol() {
        withToken(token -> {
            String server = serverUrl.get();
            run(() -> {
                TotpService.Enrolment enrolment = service.enrol(server, token);
                BitMatrix matrix = enrolment instanceof TotpService.Enrolment.Started started
                        ? TotpService.qrCode(started.otpauthUri(), 240) : null;
                return new Enrolled(enrolment, matrix);
            }, enrolled -> {
                switch (enrolled.enrolment()) {
                    case TotpService.Enrolment.Started(String s, String u) -> {
                        qr.set(enrolled.qr());
                        uri.set(u);
                        secret.set(s);
                        show(Result.SUCCESS, "Scan the QR code with an authenticator app (or type the secret), "
                                + "then verify a code to activate TOTP");
                    }
                    case TotpService.Enrolment.Refused(String reason) -> show(Result.FAILURE, reason);
                }
            });
        });
    }

    public void verify() {
        String entered = code.get() == null ? "" : code.get().strip();
        if (!entered.matches("\\d{6}")) {
            show(Result.FAILURE, "Enter the 6-digit code your authenticator shows");
            return;
        }
        withToken(token -> {
            String server = serverUrl.get();
            run(() -> service.verify(server, token, entered), this::showOutcome);
        });
    }

    public void readSensitiveData() {
        String entered = code.get() == null ? "" : code.get().strip();
        withToken(token -> {
            String server = serverUrl.get();
            run(() -> service.readSensitiveData(server, token, entered), this::showOutcome);
        });
    }

    /** Removes the active TOTP with the code entered, once confirmed. */
    public void remove() {
        String entered = code.get() == null ? "" : code.get().strip();
        if (!entered.matches("\\d{6}")) {
            show(Result.FAILURE, "Enter the 6-digit code your authenticator shows: removing TOTP needs a current one");
            return;
        }
        if (!dialogs.confirm("Remove the second factor", "Remove TOTP from this account? It will sign in with its "
                + "password alone until it enrols again.", "Remove TOTP")) {
            return;
        }
        withToken(token -> {
            String server = serverUrl.get();
            run(() -> service.remove(server, token, entered), outcome -> {
                if (outcome instanceof TotpService.CodeOutcome.Accepted) {
                    secret.set("");
                    uri.set("");
                    qr.set(null);
                }
                showOutcome(outcome);
            });
        });
    }

    public void copySecret() {
        clipboard.copy(secret.get());
        show(Result.SUCCESS, "The secret is on the clipboard");
    }

    public void copyUri() {
        clipboard.copy(uri.get());
        show(Result.SUCCESS, "The otpauth URI is on the clipboard");
    }

    private record Enrolled(TotpService.Enrolment enrolment, BitMatrix qr) {
    }

    private void showOutcome(TotpService.CodeOutcome outcome) {
        switch (outcome) {
            case TotpService.CodeOutcome.Accepted(String text) -> show(Result.SUCCESS, text);
            case TotpService.CodeOutcome.Rejected(String text) -> show(Result.FAILURE, text);
        }
    }

    private void withToken(java.util.function.Consumer<String> action) {
        Identity active = activeIdentity.get();
        if (active == null || active.tokens() == null) {
            show(Result.FAILURE, "No active identity with a token: log in on the Identities page first");
            return;
        }
        action.accept(active.tokens().accessToken());
    }

    private <T> void run(Supplier<T> work, java.util.function.Consumer<T> then) {
        tasks.run(work, then, reason -> show(Result.FAILURE, "Failed: " + reason));
    }

    private void show(Result kind, String text) {
        result.set(kind);
        message.set(text);
    }
}
