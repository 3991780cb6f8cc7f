package io.tokenworkbench.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backend's whole configuration, built and validated once at start. Immutable.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.load();                        // application.yaml + environment
 * AppConfig test = AppConfig.forDevelopment(tempDir).withRateLimitsEnabled(false);
 * }</pre>
 */
public record AppConfig(ServerSettings server, boolean devMode, Path dataDir, DatabaseSettings database,
                        TokenSettings tokens, SecuritySettings security, AuthSettings auth) {

    public AppConfig {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(security, "security");
    }

    /** What dev mode listens on unless {@code SERVER_HOST} says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Where the server listens, and the URL it is reached at.
     *
     * @param publicUrl the base URL clients use ({@code app.public-url}); empty: the listening address in dev mode,
     *                  else the token issuer. Metadata is built from it, never from request headers.
     * @param idleTimeout   how long a kept-alive connection may wait for its next request
     * @param headerTimeout how long a request's headers may take to arrive once its first line has
     * @param requestTimeout how long a request may take from its headers to its answer (its body included)
     */
    public record ServerSettings(String host, int port, String publicUrl, Duration idleTimeout,
                                 Duration headerTimeout, Duration requestTimeout) {
    }

    /**
     * What the server should say at start about where it listens: in dev mode on loopback only, that the network
     * cannot reach it and how to change that; empty otherwise.
     */
    public java.util.Optional<String> listeningNotice() {
        if (!devMode) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(server.host().equals(LOOPBACK)
                ? "Dev mode listens on " + LOOPBACK + " only: its demo accounts and token mint are not reachable from "
                + "the network (SERVER_HOST=0.0.0.0 would expose them)"
                : "Dev mode listens on " + server.host() + " (SERVER_HOST): anyone who can reach it can mint tokens "
                + "at /v1/dev/tokens");
    }

    /** The JDBC database; an empty URL means an H2 file in the data dir. */
    public record DatabaseSettings(String url, String username, String password, int poolSize) {
        @Override
        public String toString() {
            return "DatabaseSettings[url=" + url + ", username=" + username + ", poolSize=" + poolSize + "]";
        }
    }

    /** Signing algorithm, lifetimes and key material of access and refresh tokens. */
    public record TokenSettings(String issuer, String audience, String algorithm, Duration accessLifetime,
                                Duration refreshLifetime, Duration clockSkew, String keyId, String privateKeyFile,
                                String privateKeyPem, String hsSecret, String retiredJwksFile) {
        @Override
        public String toString() {
            return "TokenSettings[issuer=" + issuer + ", audience=" + audience + ", algorithm=" + algorithm
                    + ", accessLifetime=" + accessLifetime + ", refreshLifetime=" + refreshLifetime + "]";
        }
    }

    /**
     * Access control knobs.
     *
     * @param totpKey base64 of the 32-byte key TOTP secrets are encrypted with at rest; empty in dev mode (generated)
     */
    public record SecuritySettings(int missingTokenStatus, List<String> trustedProxies, List<String> internalAllowedIps,
                                   boolean rateLimitsEnabled, String rateLimitStore, List<String> corsAllowedOrigins,
                                   long maxPayloadBytes, String totpKey) {
        public SecuritySettings {
            trustedProxies = List.copyOf(trustedProxies);
            internalAllowedIps = List.copyOf(internalAllowedIps);
            corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        }

        @Override
        public String toString() {
            return "SecuritySettings[missingTokenStatus=" + missingTokenStatus + ", trustedProxies=" + trustedProxies
                    + ", rateLimitsEnabled=" + rateLimitsEnabled + ", rateLimitStore=" + rateLimitStore + "]";
        }
    }

    /**
     * The browser login's clients and the cookie sessions.
     *
     * @param clients           client id → its registered redirect URIs (matched exactly), besides the built-in
     *                          {@code token-workbench} client
     * @param sessionIdle       a session unused this long ends
     * @param sessionAbsolute   a session ends this long after its login, used or not
     * @param secureCookie      {@code auto} (Secure and {@code __Host-} when the public URL is https), true or false
     */
    public record AuthSettings(Map<String, List<String>> clients, Duration sessionIdle, Duration sessionAbsolute,
                               String secureCookie) {
        public AuthSettings {
            clients = Map.copyOf(clients);
        }
    }

    /** {@code application.yaml} overlaid by the process environment, validated. */
    public static AppConfig load() {
        return load(System.getenv());
    }

    /** As {@link #load()}, with the given environment (tests). */
    public static AppConfig load(Map<String, String> environment) {
        Settings s = Settings.fromClasspath(environment);
        boolean devMode = s.bool("app.dev-mode");
        String host = s.string("server.host").isBlank() ? devMode ? LOOPBACK : "0.0.0.0" : s.string("server.host");
        AppConfig config = new AppConfig(
                new ServerSettings(host, s.integer("server.port"), s.string("app.public-url"),
                        s.duration("server.idle-timeout"), s.duration("server.header-timeout"),
                        s.duration("server.request-timeout")),
                devMode,
                Path.of(s.string("app.data-dir")),
                new DatabaseSettings(s.string("db.url"), s.string("db.username"), s.string("db.password"),
                        s.integer("db.pool-size")),
                new TokenSettings(s.string("token.issuer"), s.string("token.audience"), s.string("token.algorithm"),
                        s.duration("token.access-lifetime"), s.duration("token.refresh-lifetime"),
                        s.duration("token.clock-skew"), s.string("token.key-id"), s.string("token.private-key-file"),
                        s.string("token.private-key"), s.string("token.hs-secret"), s.string("token.retired-jwks-file")),
                new SecuritySettings(s.integer("security.missing-token-status"), s.list("security.trusted-proxies"),
                        s.list("security.internal.allowed-ips"), s.bool("security.rate-limits.enabled"),
                        s.string("security.rate-limits.store"), s.list("security.cors.allowed-origins"),
                        s.integer("security.max-payload-bytes"), s.string("security.totp-key")),
                new AuthSettings(parseClients(s.string("oauth.clients")), s.duration("session.idle-timeout"),
                        s.duration("session.absolute-timeout"), s.string("session.secure-cookie")));
        config.validate();
        return config;
    }

    /** {@code id=uri uri;id2=uri}: the clients besides the built-in one, and their redirect URIs. */
    private static Map<String, List<String>> parseClients(String text) {
        Map<String, List<String>> clients = new java.util.LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String id = eq < 0 ? entry.strip() : entry.substring(0, eq).strip();
            List<String> uris = eq < 0 ? List.of()
                    : Arrays.stream(entry.substring(eq + 1).split("\\s+")).filter(u -> !u.isBlank()).toList();
            if (id.isEmpty() || uris.isEmpty()) {
                throw new ConfigException(Settings.describe("oauth.clients") + " takes id=redirect-uri[ redirect-uri…]"
                        + " entries separated by ';', not '" + entry.strip() + "'");
            }
            if (clients.put(id, uris) != null) {
                throw new ConfigException(Settings.describe("oauth.clients") + " names the client '" + id + "' twice");
            }
        }
        return clients;
    }

    /** Dev mode on, port 0, H2 file and generated RS256 key under {@code dataDir}, rate limits on. */
    public static AppConfig forDevelopment(Path dataDir) {
        Map<String, String> environment = Map.of(
                "APP_DEV_MODE", "true",
                "SERVER_PORT", "0",
                "SERVER_HOST", "127.0.0.1",
                "APP_DATA_DIR", dataDir.toString());
        return load(environment);
    }

    public AppConfig withRateLimitsEnabled(boolean enabled) {
        SecuritySettings s = security;
        return new AppConfig(server, devMode, dataDir, database, tokens, new SecuritySettings(s.missingTokenStatus(),
                s.trustedProxies(), s.internalAllowedIps(), enabled, s.rateLimitStore(), s.corsAllowedOrigins(),
                s.maxPayloadBytes(), s.totpKey()), auth);
    }

    public AppConfig withServer(ServerSettings newServer) {
        AppConfig changed = new AppConfig(newServer, devMode, dataDir, database, tokens, security, auth);
        changed.validate();
        return changed;
    }

    public AppConfig withMissingTokenStatus(int status) {
        SecuritySettings s = security;
        AppConfig changed = new AppConfig(server, devMode, dataDir, database, tokens, new SecuritySettings(status,
                s.trustedProxies(), s.internalAllowedIps(), s.rateLimitsEnabled(), s.rateLimitStore(),
                s.corsAllowedOrigins(), s.maxPayloadBytes(), s.totpKey()), auth);
        changed.validate();
        return changed;
    }

    public AppConfig withTokens(TokenSettings newTokens) {
        AppConfig changed = new AppConfig(server, devMode, dataDir, database, newTokens, security, auth);
        changed.validate();
        return changed;
    }

    public AppConfig withAuth(AuthSettings newAuth) {
        AppConfig changed = new AppConfig(server, devMode, dataDir, database, tokens, security, newAuth);
        changed.validate();
        return changed;
    }

    /** Whether session cookies are {@code Secure} (and named {@code __Host-…}). */
    public boolean secureCookies() {
        return switch (auth.secureCookie()) {
            case "true" -> true;
            case "false" -> false;
            default -> configuredPublicUrl().map(url -> url.startsWith("https://")).orElse(false);
        };
    }

    public AppConfig withSecurity(SecuritySettings newSecurity) {
        AppConfig changed = new AppConfig(server, devMode, dataDir, database, tokens, newSecurity, auth);
        changed.validate();
        return changed;
    }

    /** The JDBC URL to use: the configured one, or an H2 file in the data dir made to survive a SIGKILL. */
    public String jdbcUrl() {
        if (!database.url().isBlank()) {
            return database.url();
        }
        Path file = dataDir.toAbsolutePath().resolve("workbench");
        // WRITE_DELAY=0: a committed transaction is written to the file before the statement returns, so an
        // acknowledged write survives the process being killed (it is in the OS's page cache).
        // FILE_LOCK=FS: an OS file lock, released the moment the process dies, so a restart after a crash or a
        // SIGKILL opens the database at once instead of waiting out a stale lock file.
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;FILE_LOCK=FS;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The public URL when configured; otherwise what it falls back to outside dev mode (the token issuer). */
    public java.util.Optional<String> configuredPublicUrl() {
        String url = server.publicUrl().isBlank() && !devMode ? tokens.issuer() : server.publicUrl();
        return url.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(url.replaceAll("/+$", ""));
    }

    private void validate() {
        if (!server.publicUrl().isBlank() && !server.publicUrl().matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException(Settings.describe("app.public-url") + " must be an http(s) URL such as "
                    + "https://api.example.com, not '" + server.publicUrl() + "'");
        }
        if (server.port() < 0 || server.port() > 65535) {
            throw new ConfigException(Settings.describe("server.port") + " must be 0..65535, not " + server.port());
        }
        for (String key : List.of("server.idle-timeout", "server.header-timeout", "server.request-timeout")) {
            Duration timeout = switch (key) {
                case "server.idle-timeout" -> server.idleTimeout();
                case "server.header-timeout" -> server.headerTimeout();
                default -> server.requestTimeout();
            };
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ConfigException(Settings.describe(key) + " must be at least 1 second");
            }
        }
        int status = security.missingTokenStatus();
        if (status != 401 && status != 403) {
            throw new ConfigException(Settings.describe("security.missing-token-status") + " must be 401 or 403, not "
                    + status);
        }
        if (!List.of("RS256", "ES256", "HS256").contains(tokens.algorithm())) {
            throw new ConfigException(Settings.describe("token.algorithm") + " must be RS256, ES256 or HS256, not '"
                    + tokens.algorithm() + "'");
        }
        if (tokens.accessLifetime().isNegative() || tokens.accessLifetime().isZero()) {
            throw new ConfigException(Settings.describe("token.access-lifetime") + " must be positive");
        }
        if (tokens.refreshLifetime().isNegative() || tokens.refreshLifetime().isZero()) {
            throw new ConfigException(Settings.describe("token.refresh-lifetime") + " must be positive");
        }
        if (tokens.clockSkew().isNegative() || tokens.clockSkew().compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ConfigException(Settings.describe("token.clock-skew") + " must be between 0 and 60 seconds");
        }
        if (!List.of("memory", "database").contains(security.rateLimitStore())) {
            throw new ConfigException(Settings.describe("security.rate-limits.store") + " must be memory or database, not '"
                    + security.rateLimitStore() + "'");
        }
        for (String ip : concat(security.trustedProxies(), security.internalAllowedIps())) {
            try {
                io.tokenworkbench.server.http.IpRange.parse(ip);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ConfigException(Settings.describe("security.trusted-proxies") + " and "
                        + Settings.describe("security.internal.allowed-ips") + " take IP addresses or CIDR blocks, not '"
                        + ip + "'");
            }
        }
        if (!List.of("auto", "true", "false").contains(auth.secureCookie())) {
            throw new ConfigException(Settings.describe("session.secure-cookie") + " must be auto, true or false, not '"
                    + auth.secureCookie() + "'");
        }
        if (auth.sessionIdle().compareTo(Duration.ofMinutes(1)) < 0
                || auth.sessionAbsolute().compareTo(auth.sessionIdle()) < 0) {
            throw new ConfigException(Settings.describe("session.idle-timeout") + " must be at least a minute, and "
                    + Settings.describe("session.absolute-timeout") + " at least as long");
        }
        auth.clients().forEach((id, uris) -> uris.forEach(uri -> {
            if (!uri.matches("[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s#]+")) {
                throw new ConfigException(Settings.describe("oauth.clients") + ": the redirect URI '" + uri
                        + "' of client '" + id + "' is not an absolute URI without a fragment");
            }
        }));
        if (security.maxPayloadBytes() < 1024) {
            throw new ConfigException(Settings.describe("security.max-payload-bytes") + " must be at least 1024");
        }
    }
}
