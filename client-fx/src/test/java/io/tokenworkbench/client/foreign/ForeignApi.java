package io.tokenworkbench.client.foreign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small API that is not ours, written the way public guides teach, for tests of the workbench against foreign
 * servers. It speaks several conventions at once, each on its own paths:
 * <ul>
 *   <li>FastAPI's "OAuth2 with Password and JWT" tutorial: {@code POST /token} form login, {@code sub} = username, a
 *       {@code scopes} list claim, {@code 401 {"detail": …}} with {@code WWW-Authenticate: Bearer};</li>
 *   <li>a posts CRUD with a JSON login at {@code /auth/login} and owner-only edits and deletes;</li>
 *   <li>Django REST framework SimpleJWT: {@code POST /api/token/} answering {@code {"access","refresh"}} with a
 *       {@code user_id} claim, {@code /api/token/refresh/}, per-IP throttling;</li>
 *   <li>a cookie session at {@code /session/login}, and an API-key area under {@code /keyed/};</li>
 * </ul>
 * Tokens are HS256 with a secret, or RS256 with a JWKS and OpenID metadata. {@link Flaw}s turn it into the
 * deliberately vulnerable variants the attack derivations must catch. Test fixture: secrets here are fakes.
 */
public final class ForeignApi implements AutoCloseable {

    /** The FastAPI tutorial's published SECRET_KEY: a guessable secret. */
    public static final String TUTORIAL_SECRET = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";
    public static final String API_KEY = "fk_live_4f9a2c1e7b3d8a6f0c5e";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A deliberate hole. */
    public enum Flaw {
        /** Accepts unsecured tokens ({@code alg: none} in any spelling). */
        ALG_NONE,
        /** Verifies HS256 tokens with its own RSA public key as PEM (classic key confusion). */
        KEY_CONFUSION,
        /** Trusts a key embedded in the token's header. */
        EMBEDDED_JWK,
        /** Fetches and trusts the key set at the token's {@code jku}. */
        FOLLOWS_JKU,
        /** Reads the HMAC key from the file the {@code kid} names. */
        KID_AS_PATH,
        /** Looks the HMAC key up by pasting the {@code kid} into SQL. */
        KID_IN_SQL,
        /** Lets anyone delete any post. */
        ANY_USER_DELETES,
        /** Grants whatever scopes the login asks for (as the FastAPI scopes tutorial does). */
        SCOPES_AS_ASKED
    }

    /** Users: password, and the scopes they may have. */
    private static final Map<String, User> USERS = Map.of(
            "johndoe", new User(1, "johndoe", "secret", Set.of("me", "items")),
            "alice", new User(2, "alice", "wonderland", Set.of("me")));

    private record User(long id, String username, String password, Set<String> scopes) {
    }

    private record Post(long id, String owner, String title) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Flaw> flaws;
    private final String secret;
    private final RSAKey rsa;
    private final long accessLifetime;
    private final Map<Long, Post> posts = new ConcurrentHashMap<>();
    private final AtomicLong nextPost = new AtomicLong(100);
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final Connection keys;

    private ForeignApi(Set<Flaw> flaws, String secret, RSAKey rsa, long accessLifetime) throws IOException {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.secret = secret;
        this.rsa = rsa;
        this.accessLifetime = accessLifetime;
        try {
            keys = DriverManager.getConnection("jdbc:h2:mem:keys-" + UUID.randomUUID());
            keys.createStatement().execute("CREATE TABLE keys (kid VARCHAR PRIMARY KEY, k VARCHAR)");
            keys.createStatement().execute("INSERT INTO keys VALUES ('main', '" + UUID.randomUUID() + "')");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        posts.put(1L, new Post(1, "alice", "alice's first post"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** HS256 with {@code secret}. */
    public static ForeignApi hs256(String secret, Flaw... flaws) throws IOException {
        return new ForeignApi(Set.of(flaws), secret, null, 1800);
    }

    /** RS256 with a fresh key, published as a JWKS with OpenID Connect metadata. */
    public static ForeignApi rs256(Flaw... flaws) throws IOException {
        try {
            return new ForeignApi(Set.of(flaws), null, new RSAKeyGenerator(2048).keyID("rs-1").generate(), 1800);
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    /** HS256 whose access tokens live only {@code seconds}, to exercise renewal. */
    public static ForeignApi shortLived(String secret, long seconds) throws IOException {
        return new ForeignApi(Set.of(), secret, null, seconds);
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** How many refresh exchanges the server answered. */
    public int refreshes() {
        return refreshes.get();
    }

    /** How many logins the server answered with tokens. */
    public int logins() {
        return logins.get();
    }

    /** An access token for {@code username} with {@code scopes}, as the server itself issues them. */
    public String tokenFor(String username, List<String> scopes) {
        return issue(USERS.get(username), scopes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        try {
            keys.close();
        } catch (SQLException e) {
            // in-memory; nothing to keep
        }
    }

    // --- routing -------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String route = method + " " + path.replaceAll("/\\d+(/?)$", "/{id}$1");
            switch (route) {
                case "GET /openapi.json" -> send(exchange, 200, resource("fastapi-openapi.json"));
                case "GET /.well-known/openid-configuration", "GET /.well-known/oauth-authorization-server" ->
                        metadata(exchange);
                case "POST /oauth/token" -> oauthToken(exchange);
                case "GET /.well-known/jwks.json" -> jwks(exchange);
                case "POST /token" -> formLogin(exchange);
                case "POST /auth/login" -> jsonLogin(exchange);
                case "POST /api/token/" -> djangoLogin(exchange);
                case "POST /api/token/refresh/" -> djangoRefresh(exchange);
                case "POST /session/login" -> sessionLogin(exchange);
                case "GET /session/me" -> sessionMe(exchange);
                case "GET /status/" -> send(exchange, 200, json("status", "ok"));
                case "GET /users/me/" -> withUser(exchange, Set.of("me"), claims -> send(exchange, 200,
                        json("username", claims.getSubject())));
                case "GET /users/me/items/" -> withUser(exchange, Set.of("items"), claims -> send(exchange, 200,
                        "[{\"item_id\":\"Foo\",\"owner\":\"" + claims.getSubject() + "\"}]"));
                case "GET /api/profile/" -> withUser(exchange, Set.of(), claims -> send(exchange, 200,
                        json("user_id", String.valueOf(claims.getClaim("user_id")))));
                case "GET /api/throttled/" -> throttled(exchange);
                case "POST /posts/" -> withUser(exchange, Set.of(), claims -> createPost(exchange, claims));
                case "GET /posts/{id}" -> withUser(exchange, Set.of(), claims -> readPost(exchange));
                case "DELETE /posts/{id}" -> withUser(exchange, Set.of(), claims -> deletePost(exchange, claims));
                case "GET /keyed/data" -> keyed(exchange);
                default -> send(exchange, 404, json("detail", "Not Found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, json("detail", "Internal Server Error"));
        }
    }

    // --- logins --------------------------------------------------------------------------------------------

    private void formLogin(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        User user = USERS.get(form.getOrDefault("username", ""));
        if (user == null || !user.password().equals(form.get("password"))) {
            send(exchange, 400, json("detail", "Incorrect username or password"));
            return;
        }
        List<String> asked = form.getOrDefault("scope", "").isBlank() ? List.of()
                : List.of(form.get("scope").trim().split("\\s+"));
        List<String> granted = flaws.contains(Flaw.SCOPES_AS_ASKED) ? asked
                : asked.stream().filter(user.scopes()::contains).toList();
        logins.incrementAndGet();
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", issue(user, granted));
        body.put("token_type", "bearer");
        send(exchange, 200, body.toString());
    }

    private void jsonLogin(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        User user = USERS.values().stream().filter(u -> (u.username() + "@example.com").equals(
                body.path("email").asText())).findFirst().orElse(null);
        if (user == null || !user.password().equals(body.path("password").asText())) {
            send(exchange, 401, json("message", "Invalid credentials"));
            return;
        }
        logins.incrementAndGet();
        exchange.getResponseHeaders().set("Authorization", "Bearer " + issue(user, List.copyOf(user.scopes())));
        send(exchange, 200, json("message", "Logged in"));
    }

    private void djangoLogin(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        User user = USERS.get(body.path("username").asText());
        if (user == null || !user.password().equals(body.path("password").asText())) {
            send(exchange, 401, json("detail", "No active account found with the given credentials"));
            return;
        }
        logins.incrementAndGet();
        send(exchange, 200, pair(user));
    }

    private void djangoRefresh(HttpExchange exchange) throws IOException {
        String refresh = JSON.readTree(exchange.getRequestBody()).path("refresh").asText();
        String username = refreshTokens.remove(refresh);
        if (username == null) {
            send(exchange, 401, "{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}");
            return;
        }
        refreshes.incrementAndGet();
        send(exchange, 200, pair(USERS.get(username)));
    }

    private String pair(User user) {
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, user.username());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("access", issue(user, List.copyOf(user.scopes())));
        answer.put("refresh", refresh);
        return answer.toString();
    }

    private void sessionLogin(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        User user = USERS.get(body.path("username").asText());
        if (user == null || !user.password().equals(body.path("password").asText())) {
            send(exchange, 401, json("detail", "Invalid credentials"));
            return;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, user.username());
        exchange.getResponseHeaders().add("Set-Cookie", "sessionid=" + id + "; HttpOnly; Path=/; SameSite=Lax");
        send(exchange, 200, json("detail", "Logged in"));
    }

    private void sessionMe(HttpExchange exchange) throws IOException {
        String cookie = String.join(";", exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
        String username = null;
        for (String part : cookie.split(";")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("sessionid")) {
                username = sessions.get(kv[1]);
            }
        }
        if (username == null) {
            send(exchange, 403, json("detail", "Authentication credentials were not provided."));
            return;
        }
        send(exchange, 200, json("username", username));
    }

    private void keyed(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (key == null) {
            String query = exchange.getRequestURI().getRawQuery();
            key = query == null ? null : parse(query).get("api_key");
        }
        if (!API_KEY.equals(key)) {
            send(exchange, 401, json("detail", "Invalid API key"));
            return;
        }
        send(exchange, 200, json("data", "keyed"));
    }

    private void throttled(HttpExchange exchange) throws IOException {
        String ip = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (throttle.computeIfAbsent(ip, i -> new AtomicInteger()).incrementAndGet() > 3) {
            exchange.getResponseHeaders().set("Retry-After", "60");
            send(exchange, 429, json("detail", "Request was throttled. Expected available in 60 seconds."));
            return;
        }
        send(exchange, 200, json("detail", "ok"));
    }

    // --- posts ---------------------------------------------------------------------------------------------

    private void createPost(HttpExchange exchange, JWTClaimsSet claims) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!body.path("title").isTextual()) {
            send(exchange, 422, json("detail", "title is required"));
            return;
        }
        long id = nextPost.incrementAndGet();
        posts.put(id, new Post(id, claims.getSubject(), body.get("title").asText()));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        answer.put("title", body.get("title").asText());
        answer.put("owner", claims.getSubject());
        send(exchange, 201, answer.toString());
    }

    private void readPost(HttpExchange exchange) throws IOException {
        Post post = posts.get(idOf(exchange));
        if (post == null) {
            send(exchange, 404, json("detail", "Not found"));
            return;
        }
        send(exchange, 200, JSON.writeValueAsString(Map.of("id", post.id(), "title", post.title(),
                "owner", post.owner())));
    }

    private void deletePost(HttpExchange exchange, JWTClaimsSet claims) throws IOException {
        Post post = posts.get(idOf(exchange));
        if (post == null) {
            send(exchange, 404, json("detail", "Not found"));
            return;
        }
        if (!post.owner().equals(claims.getSubject()) && !flaws.contains(Flaw.ANY_USER_DELETES)) {
            send(exchange, 403, json("detail", "You do not have permission to perform this action."));
            return;
        }
        posts.remove(post.id());
        exchange.sendResponseHeaders(204, -1);
    }

    private static long idOf(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return Long.parseLong(path.replaceAll(".*/(\\d+)/?$", "$1"));
    }

    // --- tokens --------------------------------------------------------------------------------------------

    private String issue(User user, List<String> scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.username()).claim("user_id", user.id())
                .claim("scopes", scopes).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(accessLifetime)))
                .jwtID(UUID.randomUUID().toString()).build();
        try {
            SignedJWT jwt;
            if (rsa != null) {
                jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(new RSASSASigner(rsa));
            } else {
                jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(new MACSigner(padToMinimum(secret)));
            }
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nimbus wants 256 bits; a short secret is used as HMAC would use it, zero-padded to the block (RFC 2104). */
    private static byte[] padToMinimum(String secret) {
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        if (raw.length >= 32) {
            return raw;
        }
        byte[] padded = new byte[64];
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }

    private interface UserAction {
        void run(JWTClaimsSet claims) throws IOException;
    }

    private void withUser(HttpExchange exchange, Set<String> scopes, UserAction action) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JWTClaimsSet claims = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? null
                : verify(authorization.substring(7).strip());
        if (claims == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            send(exchange, 401, json("detail", "Could not validate credentials"));
            return;
        }
        Object granted = claims.getClaim("scopes");
        if (!scopes.isEmpty() && !(granted instanceof List<?> list && list.containsAll(scopes))) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\"");
            send(exchange, 403, json("detail", "Not enough permissions"));
            return;
        }
        action.run(claims);
    }

    /** The claims of a token this server accepts, or null. */
    private JWTClaimsSet verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JWTClaimsSet claims = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            if (claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())) {
                return null;
            }
            String alg = header.path("alg").asText();
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (alg.equalsIgnoreCase("none")) {
                return flaws.contains(Flaw.ALG_NONE) ? claims : null;
            }
            if (header.has("jwk") && flaws.contains(Flaw.EMBEDDED_JWK)) {
                return SignedJWT.parse(token).verify(new RSASSAVerifier(JWK.parse(header.get("jwk").toString())
                        .toRSAKey())) ? claims : null;
            }
            if (header.has("jku") && flaws.contains(Flaw.FOLLOWS_JKU)) {
                JWKSet set = JWKSet.parse(fetch(header.get("jku").asText()));
                JWK key = set.getKeyByKeyId(header.path("kid").asText());
                return key != null && SignedJWT.parse(token).verify(new RSASSAVerifier(key.toRSAKey())) ? claims : null;
            }
            if (alg.equals("HS256") && header.has("kid") && flaws.contains(Flaw.KID_AS_PATH)) {
                byte[] key = Files.readAllBytes(Path.of("/tmp").resolve(header.get("kid").asText()).normalize());
                return hmacMatches(key, input, signature) ? claims : null;
            }
            if (alg.equals("HS256") && header.has("kid") && flaws.contains(Flaw.KID_IN_SQL)) {
                try (ResultSet row = keys.createStatement().executeQuery(
                        "SELECT k FROM keys WHERE kid = '" + header.get("kid").asText() + "'")) {
                    return row.next() && hmacMatches(row.getString(1).getBytes(StandardCharsets.UTF_8), input,
                            signature) ? claims : null;
                }
            }
            if (rsa != null) {
                if (alg.equals("HS256") && flaws.contains(Flaw.KEY_CONFUSION)) {
                    return hmacMatches(publicPem().getBytes(StandardCharsets.US_ASCII), input, signature) ? claims
                            : null;
                }
                JWSVerifier verifier = new RSASSAVerifier(rsa.toPublicJWK());
                return alg.equals("RS256") && SignedJWT.parse(token).verify(verifier) ? claims : null;
            }
            return alg.equals("HS256") && hmacMatches(padToMinimum(secret), input, signature) ? claims : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean hmacMatches(byte[] key, byte[] input, byte[] signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
        return MessageDigest.isEqual(mac.doFinal(input), signature);
    }

    private String publicPem() throws JOSEException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(rsa.toPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static String fetch(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    private void metadata(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("issuer", baseUrl());
        body.put("token_endpoint", baseUrl() + "/oauth/token");
        if (rsa != null) {
            body.put("jwks_uri", baseUrl() + "/.well-known/jwks.json");
        }
        send(exchange, 200, body.toString());
    }

    /** An RFC 6749 token endpoint: password, refresh_token (rotated) and client_credentials grants. */
    private void oauthToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        User user;
        switch (form.getOrDefault("grant_type", "")) {
            case "password" -> {
                user = USERS.get(form.getOrDefault("username", ""));
                if (user == null || !user.password().equals(form.get("password"))) {
                    oauthError(exchange, 400, "invalid_grant");
                    return;
                }
                logins.incrementAndGet();
            }
            case "refresh_token" -> {
                String username = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
                if (username == null) {
                    oauthError(exchange, 400, "invalid_grant");
                    return;
                }
                refreshes.incrementAndGet();
                user = USERS.get(username);
            }
            case "client_credentials" -> {
                String[] client = clientOf(exchange, form);
                if (client == null || !client[0].equals("svc") || !client[1].equals("svc-secret")) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"token\"");
                    oauthError(exchange, 401, "invalid_client");
                    return;
                }
                ObjectNode answer = JSON.createObjectNode();
                answer.put("access_token", issue(new User(99, "svc", "", Set.of("items")), List.of("items")));
                answer.put("token_type", "Bearer");
                answer.put("expires_in", accessLifetime);
                send(exchange, 200, answer.toString());
                return;
            }
            default -> {
                oauthError(exchange, 400, "unsupported_grant_type");
                return;
            }
        }
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, user.username());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("access_token", issue(user, List.copyOf(user.scopes())));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessLifetime);
        answer.put("refresh_token", refresh);
        send(exchange, 200, answer.toString());
    }

    /** The client's id and secret: from HTTP Basic (form-encoded, RFC 6749 §2.3.1) or from the form. */
    private static String[] clientOf(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8).split(":", 2);
            return pair.length == 2 ? new String[]{URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(pair[1], StandardCharsets.UTF_8)} : null;
        }
        return form.containsKey("client_id") ? new String[]{form.get("client_id"), form.get("client_secret")} : null;
    }

    private static void oauthError(HttpExchange exchange, int status, String error) throws IOException {
        send(exchange, status, json("error", error));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        if (rsa == null) {
            send(exchange, 404, json("detail", "Not Found"));
            return;
        }
        send(exchange, 200, new JWKSet(rsa.toPublicJWK()).toString(true));
    }

    // --- HTTP helpers -------------------------------------------------------------------------------------

    private static String json(String field, String value) {
        ObjectNode node = JSON.createObjectNode();
        node.put(field, value);
        return node.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ForeignApi.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1],
                        StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
