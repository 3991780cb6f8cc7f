package io.tokenworkbench.client.checks.engine;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in recorded exchanges: bearer tokens are cut to a recognisable prefix, and JSON or form fields that
 * carry passwords, tokens, keys or codes are masked. Records and reports never hold a usable secret.
 */
public final class Redaction {

    private static final Set<String> SECRET_FIELDS = Set.of("password", "new_password", "access_token",
            "refresh_token", "token", "secret", "key", "code", "client_secret", "otpauth_uri", "id_token");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(" + String.join("|", SECRET_FIELDS) + ")\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FORM_FIELD = Pattern.compile(
            "(^|&)(" + String.join("|", SECRET_FIELDS) + ")=([^&]*)");
    private static final Pattern BEARER = Pattern.compile("(?i)^(Bearer|Basic)\\s+(\\S+)$");
    private static final int KEPT = 10;

    private Redaction() {
    }

    /** A header value safe to show: credentials cut to their first characters. */
    public static String header(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            Matcher m = BEARER.matcher(value.strip());
            return m.matches() ? m.group(1) + " " + shorten(m.group(2)) : "(redacted)";
        }
        if (name.equalsIgnoreCase("X-API-Key") || name.equalsIgnoreCase("X-TOTP-Code")
                || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie")) {
            return "(redacted)";
        }
        return value;
    }

    /** A body safe to show: secret JSON and form fields masked. */
    public static String body(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        String json = JSON_FIELD.matcher(body).replaceAll(m -> Matcher.quoteReplacement(
                "\"" + m.group(1) + "\"" + m.group(2) + "\"" + shorten(m.group(3)) + "\""));
        return FORM_FIELD.matcher(json).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + "=" + shorten(m.group(3))));
    }

    private static String shorten(String secret) {
        return secret.length() <= KEPT * 2 ? "…(redacted)" : secret.substring(0, KEPT) + "…(redacted)";
    }
}
