package io.tokenworkbench.client.http;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in what the workbench records (run records, reports, console history): bearer tokens are cut to a
 * recognisable prefix (a JWT's header, which is public anyway); headers, JSON fields, form fields and query parameters whose names say they carry passwords,
 * tokens, keys, codes or sessions are masked; and {@link Known} values (an identity's password, API key or token) are
 * masked wherever they appear. Records and reports never hold a usable secret.
 */
public final class Redaction {

    private static final String NAMES = "password|passwd|new_password|old_password|current_password|access_token"
            + "|refresh_token|id_token|token|access|refresh|secret|client_secret|api_key|apikey|key|code|otp"
            + "|otpauth_uri|session|sessionid|session_id|csrf_token|csrfmiddlewaretoken|assertion|code_verifier";
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(?i)(" + NAMES + ")\"(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FORM_FIELD = Pattern.compile("(?i)(^|&)(" + NAMES + ")=([^&]*)");
    private static final Pattern QUERY_FIELD = Pattern.compile("(?i)([?&])(" + NAMES + ")=([^&#]*)");
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)^(Bearer|Basic|Token|JWT|DPoP)\\s+(\\S+)$");
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i).*(key|token|secret|password|session|cookie|otp|totp|csrf|signature).*");
    private static final int KEPT = 10;
    private static final String REDACTED = "…(redacted)";

    private Redaction() {
    }

    /** A header value safe to show: credentials cut to their first characters, secret-named headers hidden. */
    public static String header(String name, String value) {
        if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
            Matcher m = CREDENTIALS.matcher(value.strip());
            return m.matches() ? m.group(1) + " " + shorten(m.group(2)) : "(redacted)";
        }
        if (SECRET_HEADER.matcher(name).matches() && !name.equalsIgnoreCase("Cache-Control")) {
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

    /** A URL safe to show: secret query parameters masked. */
    public static String url(String url) {
        return url == null ? "" : QUERY_FIELD.matcher(url).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + "=" + shorten(m.group(3))));
    }

    /** A JWT keeps its first characters (its header, public anyway) so that it can be told apart; the rest goes. */
    private static String shorten(String secret) {
        return secret.startsWith("eyJ") && secret.length() > KEPT * 2 ? secret.substring(0, KEPT) + REDACTED : REDACTED;
    }

    /**
     * Secret values known to be in play (an identity's password, API key, client secret, tokens), masked wherever
     * they appear, whatever they are called there. Thread-safe.
     */
    public static final class Known {

        /** Shorter values are too likely to be ordinary text to be masked everywhere. */
        static final int MIN_LENGTH = 4;
        private final Set<String> values = ConcurrentHashMap.newKeySet();

        public void add(String secret) {
            if (secret != null && secret.length() >= MIN_LENGTH) {
                values.add(secret);
            }
        }

        /** {@code text} with every known value masked, longest first. */
        public String scrub(String text) {
            if (text == null || text.isEmpty() || values.isEmpty()) {
                return text;
            }
            List<String> longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            String scrubbed = text;
            for (String secret : longestFirst) {
                if (scrubbed.contains(secret)) {
                    scrubbed = scrubbed.replace(secret, shorten(secret));
                }
            }
            return scrubbed;
        }
    }
}
