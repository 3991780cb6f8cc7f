package io.tokenworkbench.client.totp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.io.IOException;
import java.util.Map;

/**
 * TOTP enrolment against the contract's routes ({@code POST /v1/auth/totp}, {@code POST /v1/auth/totp/verify}), its
 * removal ({@code DELETE /v1/auth/totp}) and the code-protected {@code GET /v1/secure/sensitive-data}, plus the QR code of an {@code otpauth://} URI (ZXing).
 * Blocking; call it off the UI thread.
 */
public final class TotpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;

    public TotpService(ApiClient api) {
        this.api = api;
    }

    /** What asking to enrol gave. */
    public sealed interface Enrolment {
        /** Enrolment started: show the secret and the QR code, then verify a code to activate it. */
        record Started(String secret, String otpauthUri) implements Enrolment {
            @Override
            public String toString() {
                return "Started[secret redacted]";
            }
        }

        /** The server refused or could not be asked; the message says why in words. */
        record Refused(String message) implements Enrolment {
        }
    }

    /** What sending a code gave. */
    public sealed interface CodeOutcome {
        record Accepted(String message) implements CodeOutcome {
        }

        record Rejected(String message) implements CodeOutcome {
        }
    }

    public Enrolment enrol(String server, String accessToken) {
        ApiResult result = api.send(ApiRequest.json("POST", server, "/v1/auth/totp", "{}").withBearer(accessToken));
        return switch (result) {
            case ApiResult.Failure failure -> new Enrolment.Refused(failure.reason());
            case ApiResult.Response response when response.status() == 201 -> {
                try {
                    JsonNode body = JSON.readTree(response.body());
                    yield new Enrolment.Started(body.path("secret").asText(), body.path("otpauth_uri").asText());
                } catch (IOException e) {
                    yield new Enrolment.Refused("The server's answer is not JSON");
                }
            }
            case ApiResult.Response response -> new Enrolment.Refused(switch (response.status()) {
                case 404 -> "This server does not offer TOTP (404)";
                case 409 -> "TOTP is already active for this account (409)";
                case 401 -> "The token was refused (401): log in again";
                default -> "The server answered " + response.status() + detail(response);
            });
        };
    }

    public CodeOutcome verify(String server, String accessToken, String code) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("code", code.strip()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ApiResult result = api.send(ApiRequest.json("POST", server, "/v1/auth/totp/verify", body)
                .withBearer(accessToken));
        return switch (result) {
            case ApiResult.Failure failure -> new CodeOutcome.Rejected(failure.reason());
            case ApiResult.Response response when response.status() == 204 ->
                    new CodeOutcome.Accepted("Code accepted: TOTP is now active for this account");
            case ApiResult.Response response -> new CodeOutcome.Rejected("Code refused (" + response.status() + ")"
                    + detail(response));
        };
    }

    /** Reads the TOTP-protected resource with a code, to see the second factor enforced. */
    public CodeOutcome readSensitiveData(String server, String accessToken, String code) {
        ApiResult result = api.send(ApiRequest.get(server, "/v1/secure/sensitive-data").withBearer(accessToken)
                .withHeader("X-TOTP-Code", code.strip()));
        return switch (result) {
            case ApiResult.Failure failure -> new CodeOutcome.Rejected(failure.reason());
            case ApiResult.Response response when response.isSuccess() ->
                    new CodeOutcome.Accepted("200: " + response.body());
            case ApiResult.Response response -> new CodeOutcome.Rejected(response.status() + detail(response));
        };
    }

    /** Removes the active TOTP; the server asks for a current code so that a stolen token alone cannot. */
    public CodeOutcome remove(String server, String accessToken, String code) {
        ApiResult result = api.send(ApiRequest.of("DELETE", server, "/v1/auth/totp")
                .withBearer(accessToken).withHeader("X-TOTP-Code", code.strip()));
        return switch (result) {
            case ApiResult.Failure failure -> new CodeOutcome.Rejected(failure.reason());
            case ApiResult.Response response when response.status() == 204 ->
                    new CodeOutcome.Accepted("TOTP removed: this account no longer asks for a code");
            case ApiResult.Response response -> new CodeOutcome.Rejected(switch (response.status()) {
                case 403 -> "This account has no active TOTP to remove (403)";
                case 404, 405 -> "This server cannot remove TOTP (" + response.status() + ")";
                default -> "Not removed (" + response.status() + ")" + detail(response);
            });
        };
    }

    /** The QR code of a text (the otpauth URI), as modules: true is dark. */
    public static BitMatrix qrCode(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    private static String detail(ApiResult.Response response) {
        return response.problem().map(p -> ": " + (p.detail() != null ? p.detail() : p.title())).orElse("");
    }
}
