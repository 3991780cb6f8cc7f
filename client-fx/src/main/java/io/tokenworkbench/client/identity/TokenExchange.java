package io.tokenworkbench.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.model.json.Json;
import okhttp3.Cookie;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The requests and answers of getting tokens, as the workbench's identities and the check engine both need them:
 * OAuth2 grants at a token endpoint (RFC 6749: password, refresh token, client credentials with HTTP Basic or form
 * client authentication), and reading a token out of any login's answer (a JSON pointer, a header or a cookie).
 * Stateless; every method builds or reads, none sends.
 */
public final class TokenExchange {

    private TokenExchange() {
    }

    /** What a token endpoint or login answered. {@code toString} hides the tokens. */
    public record Tokens(String accessToken, String refreshToken, Long expiresInSeconds, String scope) {
        /** When the access token expires: from {@code expires_in}, else its own {@code exp}, else unknown (null). */
        public Instant expiresAt(Instant now) {
            return expiresInSeconds != null && expiresInSeconds > 0 ? now.plusSeconds(expiresInSeconds)
                    : expiryOf(accessToken).orElse(null);
        }

        @Override
        public String toString() {
            return "Tokens[redacted, expires in " + expiresInSeconds + " s]";
        }
    }

    // --- OAuth2 requests ---------------------------------------------------------------------------------

    /** The password grant; {@code scope} may be null or blank. */
    public static ApiRequest passwordGrant(String tokenEndpoint, String username, String password, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope.strip());
        }
        return tokenRequest(tokenEndpoint, form);
    }

    /** The refresh grant. */
    public static ApiRequest refreshGrant(String tokenEndpoint, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokenRequest(tokenEndpoint, form);
    }

    /**
     * The client credentials grant, the client authenticated with HTTP Basic over its form-encoded id and secret
     * (RFC 6749 §2.3.1), or, with {@code inForm}, by {@code client_id} and {@code client_secret} in the body.
     */
    public static ApiRequest clientCredentialsGrant(String tokenEndpoint, String clientId, String clientSecret,
                                                    String scope, boolean inForm) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope.strip());
        }
        if (inForm) {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
            return tokenRequest(tokenEndpoint, form);
        }
        return tokenRequest(tokenEndpoint, form).withHeader("Authorization",
                okhttp3.Credentials.basic(encode(clientId), encode(clientSecret), StandardCharsets.UTF_8));
    }

    /** A form POST to the token endpoint asking for JSON. */
    public static ApiRequest tokenRequest(String tokenEndpoint, Map<String, String> form) {
        return ApiRequest.of("POST", tokenEndpoint, "")
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withHeader("Accept", "application/json")
                .withBody(formBody(form));
    }

    /** {@code a=1&b=2}, form-encoded. */
    /**
     * The fields of an {@code application/x-www-form-urlencoded} text, such as a URL's raw query, decoded; the first
     * of a repeated name counts. The inverse of {@link #formBody}.
     */
    public static Map<String, String> formFields(String encoded) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            values.putIfAbsent(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8), eq < 0 ? ""
                    : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }

    public static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    // --- answers -----------------------------------------------------------------------------------------

    /** The tokens of an RFC 6749 §5.1 answer ({@code access_token}, {@code refresh_token}, {@code expires_in}). */
    public static Optional<Tokens> oauthAnswer(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json == null || !json.path("access_token").isTextual() || json.get("access_token").asText().isBlank()) {
                return Optional.empty();
            }
            JsonNode refresh = json.get("refresh_token");
            JsonNode expires = json.get("expires_in");
            JsonNode scope = json.get("scope");
            return Optional.of(new Tokens(json.get("access_token").asText(),
                    refresh != null && refresh.isTextual() ? refresh.asText() : null,
                    expires != null && expires.canConvertToLong() ? expires.asLong() : null,
                    scope != null && scope.isTextual() ? scope.asText() : null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A value of a login's answer: at a JSON pointer ({@code /access}), in a header ({@code header:Authorization},
     * without a {@code Bearer} prefix), or in a cookie it sets ({@code cookie:session}, parsed by OkHttp's RFC 6265
     * rules).
     *
     * @param requestUrl the URL the request went to, against which cookies are read
     */
    public static Optional<String> valueAt(String location, ApiResult.Response response, String requestUrl) {
        if (location.startsWith("header:")) {
            return response.header(location.substring(7).strip())
                    .map(v -> v.strip().replaceFirst("(?i)^bearer\\s+", "")).filter(v -> !v.isEmpty());
        }
        if (location.startsWith("cookie:")) {
            String name = location.substring(7).strip();
            HttpUrl url = HttpUrl.get(requestUrl);
            return response.headers("Set-Cookie").stream().map(header -> Cookie.parse(url, header))
                    .filter(cookie -> cookie != null && cookie.name().equals(name)).map(Cookie::value).findFirst();
        }
        try {
            JsonNode value = Json.mapper().readTree(response.body()).at(location);
            return value.isMissingNode() || value.isNull() || value.isContainerNode() || value.asText().isEmpty()
                    ? Optional.empty() : Optional.of(value.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code location} is one {@link #valueAt} understands. */
    public static boolean isLocation(String location) {
        return location != null && (location.startsWith("/") || location.startsWith("header:")
                || location.startsWith("cookie:"));
    }

    /** The token's {@code exp}, when it is a JWT that has one. */
    public static Optional<Instant> expiryOf(String token) {
        try {
            java.util.Date exp = com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(java.util.Date::toInstant);
        } catch (java.text.ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * ": invalid_grant — The username or password is wrong", from a problem or OAuth error body, or the
     * {@code detail} or {@code message} text other frameworks answer with (FastAPI, Django REST, Express); else
     * empty.
     */
    public static String reason(ApiResult.Response response) {
        return response.problem().map(p -> {
            String error = p.error().orElse(null);
            String detail = p.errorDescription().orElse(p.detail() != null ? p.detail() : p.title());
            return ": " + (error == null ? "" : error + (detail == null ? "" : " — ")) + (detail == null ? "" : detail);
        }).or(() -> plainMessage(response.body()).map(message -> ": " + message)).orElse("");
    }

    private static Optional<String> plainMessage(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            for (String field : new String[]{"detail", "message", "error_description", "error"}) {
                if (json != null && json.path(field).isTextual() && !json.get(field).asText().isBlank()) {
                    String text = json.get(field).asText().strip();
                    return Optional.of(text.length() > 200 ? text.substring(0, 200) + "…" : text);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: nothing to quote
        }
        return Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
