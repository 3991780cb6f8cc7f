package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.tokenworkbench.client.forge.SigningKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.tokenworkbench.client.checks.suite.SuiteReader.escape;

/** Reads a suite's {@code auth} section and its identities, for {@link SuiteParser}. */
final class IdentityParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final List<String> KINDS = List.of("login", "token", "mint", "derive", "client_credentials",
            "refresh_token", "api_key", "basic", "sign", "authorization_code", "session");

    private final SuiteReader in;
    /** Texts whose variables can only be checked once the setup's captures are known: pointer → text. */
    private final Map<String, String> deferredReferences = new LinkedHashMap<>();

    IdentityParser(SuiteReader in) {
        this.in = in;
    }

    // --- auth --------------------------------------------------------------------------------------------

    Auth auth(JsonNode node) {
        if (node == null || node.isNull()) {
            return Auth.none();
        }
        if (!in.isObject(node, "/auth", "auth is a mapping: token_endpoint, jwks_uri, authorization_endpoint, login, "
                + "keys")) {
            return Auth.none();
        }
        in.knownKeys(node, "/auth", "token_endpoint", "jwks_uri", "authorization_endpoint", "login", "keys");
        Optional<String> tokenEndpoint = Optional.ofNullable(pathOrUrl(node, "/auth", "token_endpoint"));
        Optional<String> jwks = Optional.ofNullable(pathOrUrl(node, "/auth", "jwks_uri"));
        Optional<String> authorize = Optional.ofNullable(pathOrUrl(node, "/auth", "authorization_endpoint"));
        Optional<CustomLogin> login = Optional.ofNullable(customLogin(node.get("login")));
        Map<String, SigningKey> keys = keys(node.get("keys"));
        return new Auth(tokenEndpoint, jwks, authorize, login, keys, node);
    }

    private String pathOrUrl(JsonNode node, String at, String field) {
        String value = in.optionalText(node, at, field);
        if (value != null && !value.startsWith("/") && !value.matches("https?://\\S+")) {
            in.problem(at + "/" + field, field + " is a path such as /token or an http(s) URL");
            return null;
        }
        return value;
    }

    private CustomLogin customLogin(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String at = "/auth/login";
        if (!in.isObject(node, at, "login needs request and token, e.g. {request: {method: POST, path: /auth/login, "
                + "json: {username: \"${username}\", password: \"${password}\"}}, token: /access}")) {
            return null;
        }
        in.knownKeys(node, at, "request", "token", "refresh", "expires_in", "refresh_request");
        // The login's variables are the fields of each identity's login map; each identity is checked against its
        // own fields below, so here every name is welcome.
        RequestSpec request = in.request(node.get("request"), at + "/request", name -> true);
        String token = location(node, at, "token");
        String refresh = location(node, at, "refresh");
        String expiresIn = location(node, at, "expires_in");
        if (expiresIn != null && !expiresIn.startsWith("/")) {
            in.problem(at + "/expires_in", "expires_in is a JSON pointer such as /expires_in");
        }
        RequestSpec refreshRequest = null;
        if (node.has("refresh_request")) {
            refreshRequest = in.request(node.get("refresh_request"), at + "/refresh_request", name -> true);
            if (refresh == null) {
                in.problem(at + "/refresh", "a refresh_request needs refresh: where the login's answer has the "
                        + "refresh token");
            }
        }
        return request == null ? null : new CustomLogin(request, Optional.ofNullable(token),
                Optional.ofNullable(refresh), Optional.ofNullable(expiresIn), Optional.ofNullable(refreshRequest));
    }

    private String location(JsonNode node, String at, String field) {
        String value = in.optionalText(node, at, field);
        if (value != null && !value.startsWith("/") && !value.startsWith("header:") && !value.startsWith("cookie:")) {
            in.problem(at + "/" + field, field + " says where the value is: a JSON pointer such as /access_token, "
                    + "header:Name or cookie:Name");
            return null;
        }
        return value;
    }

    private Map<String, SigningKey> keys(JsonNode node) {
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return keys;
        }
        if (!in.isObject(node, "/auth/keys", "keys is a mapping of name → {secret | pem | jwk}")) {
            return keys;
        }
        for (var entry : node.properties()) {
            String at = "/auth/keys/" + escape(entry.getKey());
            JsonNode spec = entry.getValue();
            if (!in.isObject(spec, at, "a key is {secret: …}, {pem: …} or {jwk: {…}}")) {
                continue;
            }
            in.knownKeys(spec, at, "secret", "pem", "jwk", "description");
            List<String> formats = List.of("secret", "pem", "jwk").stream().filter(spec::has).toList();
            if (formats.size() != 1) {
                in.problem(at, "a key has exactly one of secret, pem or jwk");
                continue;
            }
            String format = formats.getFirst();
            JsonNode value = spec.get(format);
            String text = value.isObject() && format.equals("jwk") ? value.toString()
                    : value.isTextual() ? value.asText() : null;
            if (text == null) {
                in.problem(at + "/" + format, format + " must be text" + (format.equals("jwk") ? " or a mapping" : ""));
                continue;
            }
            String resolved = in.resolveReferences(text, at + "/" + format);
            if (resolved == null) {
                continue;
            }
            if (format.equals("secret") && resolved.isEmpty()) {
                in.problem(at + "/secret", "the secret is empty (the blank-secret derivation tries that already)");
                continue;
            }
            try {
                keys.put(entry.getKey(), SigningKey.parse(SigningKey.Format.valueOf(format.toUpperCase(
                        java.util.Locale.ROOT)), resolved));
            } catch (IllegalArgumentException e) {
                in.problem(at + "/" + format, "the key cannot be used: " + e.getMessage());
            }
        }
        return keys;
    }

    // --- identities --------------------------------------------------------------------------------------

    List<SuiteIdentity> identities(JsonNode node, Auth auth, Set<String> suiteVariables) {
        List<SuiteIdentity> identities = new ArrayList<>();
        if (node == null || node.isNull()) {
            return identities;
        }
        if (!node.isObject()) {
            in.problem("/identities", "identities must be a mapping of name → how to obtain its token");
            return identities;
        }
        Set<String> defined = new HashSet<>();
        defined.add(Suite.ANONYMOUS);
        for (var entry : node.properties()) {
            String name = entry.getKey();
            String at = "/identities/" + escape(name);
            JsonNode spec = entry.getValue();
            if (name.equals(Suite.ANONYMOUS)) {
                in.problem(at, "'anonymous' is always present and cannot be defined");
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                in.problem(at, "identity names are letters, digits, '-', '_' and '.', e.g. alice or alg-none");
                continue;
            }
            if (spec == null || !spec.isObject()) {
                in.problem(at, "an identity needs one of " + String.join(", ", KINDS));
                continue;
            }
            List<String> allowed = new ArrayList<>(KINDS);
            allowed.add("description");
            in.knownKeys(spec, at, allowed.toArray(String[]::new));
            // session: cookie beside a login keeps that login's cookies; a session mapping is a kind of its own.
            List<String> kinds = KINDS.stream().filter(spec::has)
                    .filter(kind -> !kind.equals("session") || spec.get("session").isObject()).toList();
            if (kinds.size() != 1) {
                in.problem(at, "an identity needs exactly one of " + String.join(", ", KINDS) + " (found "
                        + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
                continue;
            }
            String kind = kinds.getFirst();
            if (spec.has("session") && !kind.equals("login") && !kind.equals("session")) {
                in.problem(at + "/session", "session: cookie goes with a login identity");
            }
            JsonNode body = spec.get(kind);
            String bodyAt = at + "/" + kind;
            SuiteIdentity identity = switch (kind) {
                case "login" -> login(name, spec, body, bodyAt, auth, suiteVariables);
                case "token" -> {
                    if (body == null || !body.isTextual() || body.asText().isBlank()) {
                        in.problem(bodyAt, "token must be the token's text, or a variable such as \"${token}\"");
                        yield null;
                    }
                    defer(bodyAt, body.asText());
                    yield new SuiteIdentity.RawToken(name, body.asText().strip().replaceFirst("(?i)^bearer\\s+", ""));
                }
                case "mint" -> mint(name, body, bodyAt);
                case "client_credentials" -> clientCredentials(name, body, bodyAt);
                case "refresh_token" -> {
                    if (body == null || !body.isTextual() || body.asText().isBlank()) {
                        in.problem(bodyAt, "refresh_token must be the refresh token's text or a variable");
                        yield null;
                    }
                    defer(bodyAt, body.asText());
                    yield new SuiteIdentity.RefreshToken(name, body.asText().strip());
                }
                case "api_key" -> apiKey(name, body, bodyAt);
                case "basic" -> basic(name, body, bodyAt);
                case "sign" -> signed(name, body, bodyAt, auth, defined);
                case "authorization_code" -> authorizationCode(name, body, bodyAt);
                case "session" -> session(name, body, bodyAt);
                default -> derived(name, body, bodyAt, auth, defined);
            };
            if (identity != null) {
                identities.add(identity);
                defined.add(name);
            }
        }
        return identities;
    }

    /** Checks the identities' variables once the setup's captures are known. */
    void checkDeferredVariables(Set<String> known) {
        deferredReferences.forEach((at, text) -> in.checkVariables(text, at, known::contains));
    }

    private void defer(String at, String text) {
        deferredReferences.put(at, text);
    }

    private SuiteIdentity login(String name, JsonNode spec, JsonNode body, String at, Auth auth,
                                Set<String> suiteVariables) {
        boolean custom = auth.login().isPresent();
        if (!in.isObject(body, at, custom ? "login holds the fields the login request uses, e.g. {username: alice, "
                + "password: …}" : "login needs username and password (and optionally scope)")) {
            return null;
        }
        Map<String, String> fields = in.stringMap(body, at);
        if (!custom) {
            in.knownKeys(body, at, "username", "password", "scope");
            if (in.requiredText(body, at, "username") == null || in.requiredText(body, at, "password") == null) {
                return null;
            }
        } else {
            Set<String> own = new HashSet<>(fields.keySet());
            own.addAll(suiteVariables);
            own.addAll(SuiteParser.BUILTIN_VARIABLES);
            CustomLogin login = auth.login().get();
            Set<String> used = new java.util.LinkedHashSet<>(variablesOf(login.request()));
            used.removeAll(own);
            if (!used.isEmpty()) {
                in.problem(at, "the login request uses " + String.join(", ", used.stream().map(v -> "${" + v + "}")
                        .toList()) + ", which this login does not give");
            }
        }
        fields.forEach((field, value) -> defer(at + "/" + escape(field), value));
        boolean cookies = false;
        JsonNode session = spec.get("session");
        if (session != null) {
            if (!"cookie".equals(session.asText())) {
                in.problem(at.substring(0, at.lastIndexOf('/')) + "/session", "session can only be cookie");
            } else {
                cookies = true;
            }
        }
        if (custom && auth.login().get().token().isEmpty() && !cookies) {
            in.problem(at, "the custom login names no token, so this identity needs session: cookie");
        }
        return new SuiteIdentity.Login(name, fields, cookies);
    }

    private static Set<String> variablesOf(RequestSpec request) {
        Set<String> names = new java.util.LinkedHashSet<>(SuiteReader.variablesIn(request.path()));
        request.headers().values().forEach(v -> names.addAll(SuiteReader.variablesIn(v)));
        switch (request.body()) {
            case RequestSpec.Body.None none -> {
            }
            case RequestSpec.Body.Json json -> collect(json.document(), names);
            case RequestSpec.Body.Form form -> form.fields().values()
                    .forEach(v -> names.addAll(SuiteReader.variablesIn(v)));
            case RequestSpec.Body.Text text -> names.addAll(SuiteReader.variablesIn(text.text()));
        }
        return names;
    }

    private static void collect(JsonNode json, Set<String> names) {
        if (json.isTextual()) {
            names.addAll(SuiteReader.variablesIn(json.asText()));
        } else {
            json.forEach(child -> collect(child, names));
        }
    }

    private SuiteIdentity mint(String name, JsonNode body, String at) {
        if (!in.isObject(body, at, "mint needs username and expires_in (seconds, negative = expired)")) {
            return null;
        }
        in.knownKeys(body, at, "username", "expires_in", "scope", "claims", "header");
        String username = in.requiredText(body, at, "username");
        JsonNode expires = body.get("expires_in");
        if (expires == null || !expires.canConvertToLong() || !expires.isIntegralNumber()) {
            in.problem(at + "/expires_in", "expires_in must be a whole number of seconds (negative: expired)");
            return null;
        }
        ObjectNode claims = in.optionalObject(body, at, "claims");
        ObjectNode header = in.optionalObject(body, at, "header");
        return username == null ? null : new SuiteIdentity.Minted(name, username, expires.asLong(),
                in.optionalText(body, at, "scope"), claims, header);
    }

    private SuiteIdentity clientCredentials(String name, JsonNode body, String at) {
        if (!in.isObject(body, at, "client_credentials needs client_id and client_secret")) {
            return null;
        }
        in.knownKeys(body, at, "client_id", "client_secret", "scope", "client_auth");
        String id = in.requiredText(body, at, "client_id");
        String secret = in.requiredText(body, at, "client_secret");
        String clientAuth = in.optionalText(body, at, "client_auth");
        SuiteIdentity.ClientAuth how = SuiteIdentity.ClientAuth.BASIC;
        if (clientAuth != null) {
            switch (clientAuth) {
                case "basic" -> how = SuiteIdentity.ClientAuth.BASIC;
                case "form" -> how = SuiteIdentity.ClientAuth.FORM;
                default -> in.problem(at + "/client_auth", "client_auth is basic (the default) or form");
            }
        }
        if (id == null || secret == null) {
            return null;
        }
        defer(at + "/client_id", id);
        defer(at + "/client_secret", secret);
        return new SuiteIdentity.ClientCredentials(name, id, secret, in.optionalText(body, at, "scope"), how);
    }

    private SuiteIdentity apiKey(String name, JsonNode body, String at) {
        if (!in.isObject(body, at, "api_key needs header (or query) and value, e.g. {header: X-API-Key, value: …}")) {
            return null;
        }
        in.knownKeys(body, at, "header", "query", "value");
        if (body.has("header") == body.has("query")) {
            in.problem(at, "api_key goes in exactly one of header or query");
            return null;
        }
        SuiteIdentity.Placement placement = body.has("header") ? SuiteIdentity.Placement.HEADER
                : SuiteIdentity.Placement.QUERY;
        String parameter = in.requiredText(body, at, placement == SuiteIdentity.Placement.HEADER ? "header" : "query");
        String value = in.requiredText(body, at, "value");
        if (parameter == null || value == null) {
            return null;
        }
        defer(at + "/value", value);
        return new SuiteIdentity.ApiKey(name, placement, parameter, value);
    }

    private SuiteIdentity basic(String name, JsonNode body, String at) {
        if (!in.isObject(body, at, "basic needs username and password")) {
            return null;
        }
        in.knownKeys(body, at, "username", "password");
        String username = in.requiredText(body, at, "username");
        String password = in.requiredText(body, at, "password");
        if (username == null || password == null) {
            return null;
        }
        defer(at + "/username", username);
        defer(at + "/password", password);
        return new SuiteIdentity.Basic(name, username, password);
    }

    private SuiteIdentity authorizationCode(String name, JsonNode body, String at) {
        if (!in.isObject(body, at, "authorization_code needs client_id, username and password, e.g. {client_id: "
                + "token-workbench, username: alice, password: …}")) {
            return null;
        }
        in.knownKeys(body, at, "client_id", "redirect_uri", "username", "password", "totp_secret", "scope");
        String clientId = in.requiredText(body, at, "client_id");
        String username = in.requiredText(body, at, "username");
        String password = in.requiredText(body, at, "password");
        String redirect = in.optionalText(body, at, "redirect_uri");
        if (redirect != null && !redirect.matches("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+")) {
            in.problem(at + "/redirect_uri", "redirect_uri is an absolute URI such as http://127.0.0.1:8976/callback");
            return null;
        }
        if (clientId == null || username == null || password == null) {
            return null;
        }
        String totp = in.optionalText(body, at, "totp_secret");
        deferAll(at, body, "client_id", "username", "password", "totp_secret", "scope");
        return new SuiteIdentity.AuthorizationCode(name, clientId,
                redirect == null ? SuiteIdentity.AuthorizationCode.DEFAULT_REDIRECT : redirect, username, password,
                totp, in.optionalText(body, at, "scope"));
    }

    private SuiteIdentity session(String name, JsonNode body, String at) {
        in.knownKeys(body, at, "username", "password", "totp_secret", "endpoint", "format", "csrf", "csrf_header");
        String username = in.requiredText(body, at, "username");
        String password = in.requiredText(body, at, "password");
        String endpoint = pathOrUrl(body, at, "endpoint");
        String format = in.optionalText(body, at, "format");
        if (format != null && !format.equals("json") && !format.equals("form")) {
            in.problem(at + "/format", "format is json (the default) or form");
        }
        String csrf = in.optionalText(body, at, "csrf");
        if (csrf != null && !csrf.equals("none") && !io.tokenworkbench.client.identity.TokenExchange.isLocation(csrf)) {
            in.problem(at + "/csrf", "csrf says where the CSRF token is: a JSON pointer such as /csrf_token, "
                    + "cookie:Name or header:Name, or none");
            return null;
        }
        if (username == null || password == null) {
            return null;
        }
        deferAll(at, body, "username", "password", "totp_secret");
        String header = in.optionalText(body, at, "csrf_header");
        return new SuiteIdentity.Session(name, username, password, in.optionalText(body, at, "totp_secret"),
                endpoint == null ? SuiteIdentity.Session.DEFAULT_ENDPOINT : endpoint, "form".equals(format),
                csrf == null ? SuiteIdentity.Session.DEFAULT_CSRF : csrf,
                header == null ? SuiteIdentity.Session.DEFAULT_CSRF_HEADER : header);
    }

    /** The fields' variables, checked once the setup's captures are known. */
    private void deferAll(String at, JsonNode body, String... fields) {
        for (String field : fields) {
            if (body.hasNonNull(field)) {
                defer(at + "/" + field, body.get(field).asText());
            }
        }
    }

    private SuiteIdentity signed(String name, JsonNode body, String at, Auth auth, Set<String> defined) {
        if (!in.isObject(body, at, "sign needs key and claims, e.g. {key: server, claims: {sub: alice}, "
                + "expires_in: 300}")) {
            return null;
        }
        in.knownKeys(body, at, "key", "alg", "claims", "header", "from", "expires_in");
        String key = namedKey(body, at, auth, "sign");
        String alg = in.optionalText(body, at, "alg");
        if (key != null && alg != null && auth.keys().containsKey(key)
                && !auth.keys().get(key).fits(JWSAlgorithm.parse(alg))) {
            in.problem(at + "/alg", "the key '" + key + "' (" + auth.keys().get(key).describe() + ") cannot sign "
                    + alg);
        }
        ObjectNode claims = in.optionalObject(body, at, "claims");
        ObjectNode header = in.optionalObject(body, at, "header");
        String from = in.optionalText(body, at, "from");
        if (from != null && (!defined.contains(from) || Suite.ANONYMOUS.equals(from))) {
            in.problem(at + "/from", "from names an identity defined above this one (not '" + from + "')");
            return null;
        }
        Long expiresIn = null;
        JsonNode expires = body.get("expires_in");
        if (expires != null) {
            if (!expires.isIntegralNumber()) {
                in.problem(at + "/expires_in", "expires_in must be a whole number of seconds (negative: expired)");
                return null;
            }
            expiresIn = expires.asLong();
        }
        if (claims == null && from == null) {
            in.problem(at, "sign needs claims, or from (an identity whose claims are copied)");
            return null;
        }
        return key == null ? null : new SuiteIdentity.Signed(name, key, alg, claims, header, from, expiresIn);
    }

    private String namedKey(JsonNode body, String at, Auth auth, String kind) {
        String key = in.optionalText(body, at, "key");
        if (key == null) {
            in.problem(at, kind + " needs key: the name of a key under auth.keys"
                    + (auth.keys().isEmpty() ? " (there are none yet: add auth: {keys: {server: {secret: "
                    + "\"${env:JWT_SECRET}\"}}})" : " (" + String.join(", ", auth.keys().keySet()) + ")"));
            return null;
        }
        if (!auth.keys().containsKey(key)) {
            in.problem(at + "/key", "no key called '" + key + "' under auth.keys"
                    + (auth.keys().isEmpty() ? "" : " (known: " + String.join(", ", auth.keys().keySet()) + ")"));
            return null;
        }
        return key;
    }

    private SuiteIdentity derived(String name, JsonNode body, String at, Auth auth, Set<String> defined) {
        if (!in.isObject(body, at, "derive needs from and kind")) {
            return null;
        }
        in.knownKeys(body, at, "from", "kind", "value", "key", "set", "remove");
        String from = in.requiredText(body, at, "from");
        String kindName = in.requiredText(body, at, "kind");
        if (from != null && !defined.contains(from) || Suite.ANONYMOUS.equals(from)) {
            in.problem(at + "/from", "derive from an identity defined above this one (not '" + from + "')");
            return null;
        }
        if (kindName == null) {
            return null;
        }
        Optional<SuiteIdentity.Derivation> derivation = SuiteIdentity.Derivation.fromYaml(kindName);
        if (derivation.isEmpty()) {
            in.problem(at + "/kind", "unknown derivation '" + kindName + "'; use one of "
                    + String.join(", ", SuiteIdentity.Derivation.yamlNames()));
            return null;
        }
        String key = null;
        if (derivation.get().needsKey()) {
            key = namedKey(body, at, auth, "derive kind " + kindName + " re-signs the token, so it");
            if (key == null) {
                return null;
            }
        } else if (body.has("key")) {
            in.problem(at + "/key", "only expired and resign use a key");
        }
        ObjectNode set = in.optionalObject(body, at, "set");
        List<String> remove = new ArrayList<>();
        JsonNode removeNode = body.get("remove");
        if (removeNode != null) {
            if (!removeNode.isArray()) {
                in.problem(at + "/remove", "remove is a list of claim names");
            } else {
                removeNode.forEach(claim -> remove.add(claim.asText()));
            }
        }
        boolean claimsKind = derivation.get() == SuiteIdentity.Derivation.CLAIMS;
        if (claimsKind && set == null && remove.isEmpty()) {
            in.problem(at, "derive kind claims needs set (claims to set, null removes) or remove (claim names)");
            return null;
        }
        if (!claimsKind && (set != null || !remove.isEmpty())) {
            in.problem(at, "set and remove go with kind claims");
        }
        return from == null ? null : new SuiteIdentity.Derived(name, from, derivation.get(),
                in.optionalText(body, at, "value"), key, set, remove);
    }
}
