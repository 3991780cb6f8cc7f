package io.tokenworkbench.client.totp.ui;

import atlantafx.base.theme.Styles;
import com.google.zxing.common.BitMatrix;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The TOTP page: enrol the active identity, scan or copy the secret, verify a code, use it, remove it. */
public final class TotpView extends VBox {

    private final TotpViewModel model;

    public TotpView(TotpViewModel model) {
        this.model = model;
        setId("totpPage");
        setSpacing(12);
        setPadding(new Insets(16));
        createView();
    }

    private void createView() {
        Label title = new Label("Two-factor authentication (TOTP)");
        title.getStyleClass().add(Styles.TITLE_3);
        Label intro = new Label("RFC 6238: 6 digits every 30 seconds, SHA-1. Enrolling shows a secret once; verifying "
                + "a code activates it, and the server then asks for a code on the sensitive route.");
        intro.setWrapText(true);

        Button enrol = new Button("Enrol the active identity");
        enrol.setId("totpEnrol");
        enrol.getStyleClass().add(Styles.ACCENT);
        enrol.disableProperty().bind(model.busyProperty());
        enrol.setOnAction(event -> model.enrol());

        ImageView qr = new ImageView();
        qr.setId("totpQr");
        qr.setFitWidth(240);
        qr.setFitHeight(240);
        qr.setSmooth(false);
        model.qrProperty().addListener((obs, old, matrix) -> qr.setImage(matrix == null ? null : image(matrix)));

        TextField secret = readOnly("totpSecret", model.secretProperty());
        TextField uri = readOnly("totpUri", model.uriProperty());
        Button copySecret = new Button("Copy secret");
        copySecret.setOnAction(event -> model.copySecret());
        Button copyUri = new Button("Copy URI");
        copyUri.setOnAction(event -> model.copyUri());
        VBox secretBox = new VBox(6, new Label("Secret (Base32)"), new HBox(6, secret, copySecret),
                new Label("otpauth URI"), new HBox(6, uri, copyUri));
        secret.setPrefColumnCount(36);
        uri.setPrefColumnCount(36);
        HBox enrolment = new HBox(16, qr, secretBox);
        enrolment.setAlignment(Pos.TOP_LEFT);
        enrolment.visibleProperty().bind(model.secretProperty().isNotEmpty());
        enrolment.managedProperty().bind(enrolment.visibleProperty());

        TextField code = new TextField();
        code.setId("totpCode");
        code.setPromptText("123456");
        code.setPrefColumnCount(8);
        code.textProperty().bindBidirectional(model.codeProperty());
        code.setOnAction(event -> model.verify());
        Button verify = new Button("Verify code");
        verify.setId("totpVerify");
        verify.disableProperty().bind(model.busyProperty());
        verify.setOnAction(event -> model.verify());
        Button sensitive = new Button("Read sensitive data with this code");
        sensitive.setId("totpSensitive");
        sensitive.disableProperty().bind(model.busyProperty());
        sensitive.setOnAction(event -> model.readSensitiveData());
        Button remove = new Button("Remove TOTP with this code…");
        remove.setId("totpRemove");
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(model.busyProperty());
        remove.setOnAction(event -> model.remove());
        FlowPane codeRow = new FlowPane(8, 8, new Label("Code"), code, verify, sensitive, remove);
        codeRow.setAlignment(Pos.CENTER_LEFT);
        codeRow.setPrefWrapLength(600);

        Label result = new Label();
        result.setId("totpResult");
        result.setWrapText(true);
        result.textProperty().bind(model.messageProperty());
        model.resultProperty().addListener((obs, old, kind) -> {
            result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            switch (kind) {
                case SUCCESS -> result.getStyleClass().add(Styles.SUCCESS);
                case FAILURE -> result.getStyleClass().add(Styles.DANGER);
                case NONE -> { }
            }
        });
        getChildren().addAll(title, intro, enrol, enrolment, codeRow, result);
    }

    /** Draws the QR modules into an image: one pixel per module of the matrix, scaled by the ImageView. */
    static WritableImage image(BitMatrix matrix) {
        WritableImage image = new WritableImage(matrix.getWidth(), matrix.getHeight());
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                pixels.setColor(x, y, matrix.get(x, y) ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }

    private static TextField readOnly(String id, javafx.beans.value.ObservableValue<String> value) {
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.textProperty().bind(value);
        return field;
    }
}
