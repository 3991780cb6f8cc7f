package io.tokenworkbench.client.inspector;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One claim of a token as the inspector's table shows it: the name, the raw value, what the claim means, and for
 * NumericDate claims the time in local time, UTC and relative to now. Immutable.
 */
public record ClaimRow(String name, String value, String meaning, String time) {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("iss", "Issuer: who created and signed the token (RFC 7519 §4.1.1)"),
            Map.entry("sub", "Subject: whom the token is about, here the user id (RFC 7519 §4.1.2)"),
            Map.entry("aud", "Audience: the API(s) the token is meant for (RFC 7519 §4.1.3)"),
            Map.entry("exp", "Expiration time: not valid at or after this (RFC 7519 §4.1.4)"),
            Map.entry("nbf", "Not before: not valid before this (RFC 7519 §4.1.5)"),
            Map.entry("iat", "Issued at (RFC 7519 §4.1.6)"),
            Map.entry("jti", "JWT ID: unique id, used to revoke this one token (RFC 7519 §4.1.7)"),
            Map.entry("scope", "Scopes granted, space-separated (RFC 8693 §4.2, RFC 9068)"),
            Map.entry("client_id", "The OAuth client the token was issued to (RFC 9068 §2.2)"),
            Map.entry("azp", "Authorized party (OpenID Connect)"),
            Map.entry("username", "The user's login name"),
            Map.entry("roles", "Roles of the user (RFC 9068 §7.2.1.1)"),
            Map.entry("groups", "Groups of the user (RFC 9068 §7.2.1.1)"),
            Map.entry("entitlements", "Entitlements of the user (RFC 9068 §7.2.1.1)"),
            Map.entry("is_staff", "Staff flag: staff-level access"),
            Map.entry("is_superuser", "Superuser flag: every access level"),
            Map.entry("auth_time", "When the user authenticated (OpenID Connect)"),
            Map.entry("acr", "Authentication context class (RFC 9068 §2.2.1)"),
            Map.entry("amr", "Authentication methods used (RFC 9068 §2.2.1)"),
            Map.entry("email", "E-mail address: personal data"),
            Map.entry("name", "Full name: personal data"),
            Map.entry("cnf", "Confirmation: the key the token is bound to (RFC 7800)"));

    private static final java.util.Set<String> TIME_CLAIMS = java.util.Set.of("exp", "nbf", "iat", "auth_time",
            "updated_at");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    /** RFC 7519's registered claims, first and in its order; the others follow in the token's order. */
    private static final List<String> REGISTERED = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /** The rows of a payload: the registered claims first, in RFC 7519's order, then the rest in the token's. */
    public static List<ClaimRow> of(JsonNode payload, Instant now, ZoneId zone) {
        List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>();
        REGISTERED.stream().filter(payload::has).forEach(name -> ordered.add(Map.entry(name, payload.get(name))));
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            if (!REGISTERED.contains(claim.getKey())) {
                ordered.add(claim);
            }
        }
        List<ClaimRow> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> claim : ordered) {
            JsonNode value = claim.getValue();
            String time = "";
            if (value.isNumber() && TIME_CLAIMS.contains(claim.getKey())) {
                time = describeTime(Instant.ofEpochSecond(value.asLong()), now, zone);
            }
            rows.add(new ClaimRow(claim.getKey(), value.isTextual() ? value.asText() : value.toString(),
                    MEANINGS.getOrDefault(claim.getKey(), ""), time));
        }
        return rows;
    }

    /** "in 12 min · 2026-06-01 14:00:00 CEST · 2026-06-01 12:00:00 UTC": the relative time first, as people ask. */
    public static String describeTime(Instant at, Instant now, ZoneId zone) {
        Duration delta = Duration.between(now, at);
        String relative = delta.isNegative() ? Durations.relative(delta) + " ago" : "in " + Durations.relative(delta);
        String local = FORMAT.format(at.atZone(zone));
        String utc = FORMAT.format(at.atZone(ZoneId.of("UTC")));
        return relative + " · " + local + (local.equals(utc) ? "" : " · " + utc);
    }

    /** How much of the token's life (iat or nbf to exp) has passed, 0..1, or -1 without times. */
    public static double elapsedFraction(DecodedToken token, Instant now) {
        var exp = token.numericDate("exp");
        var start = token.numericDate("iat").or(() -> token.numericDate("nbf"));
        if (exp.isEmpty() || start.isEmpty() || exp.get() <= start.get()) {
            return -1;
        }
        double fraction = (now.getEpochSecond() - start.get()) / (double) (exp.get() - start.get());
        return Math.max(0, Math.min(1, fraction));
    }
}
