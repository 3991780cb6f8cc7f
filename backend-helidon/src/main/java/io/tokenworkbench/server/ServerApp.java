package io.tokenworkbench.server;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.security.Security;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.security.SecurityHttpFeature;
import io.helidon.cors.CrossOriginConfig;
import io.helidon.security.providers.httpauth.HttpBasicAuthProvider;
import io.helidon.webserver.cors.CorsSupport;
import io.tokenworkbench.server.admin.AdminRoutes;
import io.tokenworkbench.server.admin.AdminService;
import io.tokenworkbench.server.admin.ReportRepository;
import io.tokenworkbench.server.apikey.ApiKeyRoutes;
import io.tokenworkbench.server.apikey.ApiKeys;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.basic.BasicRoutes;
import io.tokenworkbench.server.basic.BasicUserStore;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.clientip.ClientIpResolver;
import io.tokenworkbench.server.clientip.InternalRoutes;
import io.tokenworkbench.server.dev.DevOutboxRoutes;
import io.tokenworkbench.server.mail.DatabaseOutbox;
import io.tokenworkbench.server.mail.QueuedOutbox;
import io.tokenworkbench.server.passwordreset.PasswordResetRoutes;
import io.tokenworkbench.server.passwordreset.PasswordResets;
import io.tokenworkbench.server.ratelimit.DatabaseBucketStore;
import io.tokenworkbench.server.ratelimit.InMemoryBucketStore;
import io.tokenworkbench.server.ratelimit.RateLimitKeys;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.totp.TotpRoutes;
import io.tokenworkbench.server.totp.TotpService;
import io.tokenworkbench.server.totp.TotpSecretCipher;
import io.tokenworkbench.server.config.DataDirectory;
import io.tokenworkbench.server.auth.AuthRoutes;
import io.tokenworkbench.server.auth.AuthService;
import io.tokenworkbench.server.auth.AuthorizationCodes;
import io.tokenworkbench.server.auth.AuthorizeRoutes;
import io.tokenworkbench.server.auth.BrowserLogin;
import io.tokenworkbench.server.auth.OAuthClients;
import io.tokenworkbench.server.auth.SessionRoutes;
import io.tokenworkbench.server.session.Sessions;
import io.tokenworkbench.server.totp.SecondFactor;
import io.tokenworkbench.server.auth.LoginThrottle;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.db.Database;
import io.tokenworkbench.server.dev.DevSeed;
import io.tokenworkbench.server.dev.DevTokenMint;
import io.tokenworkbench.server.dev.DevTokenRoutes;
import io.tokenworkbench.server.discovery.DiscoveryRoutes;
import io.tokenworkbench.server.http.Route;
import io.tokenworkbench.server.http.Routes;
import io.tokenworkbench.server.http.Problems;
import io.tokenworkbench.server.http.RequestGuard;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.http1.Http1Config;
import io.tokenworkbench.server.http.SecurityHeaders;
import io.tokenworkbench.server.post.PostRepository;
import io.tokenworkbench.server.post.PostRoutes;
import io.tokenworkbench.server.post.PostService;
import io.tokenworkbench.server.product.ProductRepository;
import io.tokenworkbench.server.product.ProductRoutes;
import io.tokenworkbench.server.product.ProductService;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.AuthorizationHeader;
import io.tokenworkbench.server.security.CommonPasswords;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.token.AccessTokenVerifier;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.SigningKeys;
import io.tokenworkbench.server.token.TokenInvalidations;
import io.tokenworkbench.server.token.TokenIssuer;
import io.tokenworkbench.server.user.UserRepository;
import io.tokenworkbench.server.user.UserRoutes;
import io.tokenworkbench.server.user.UserService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The backend's composition root: database → repositories → services → routes → a started web server.
 *
 * <pre>{@code
 * try (ServerApp app = ServerApp.start(AppConfig.forDevelopment(tempDir))) {
 *     String url = app.baseUrl();   // http://localhost:<free port>
 * }
 * }</pre>
 */
public final class ServerApp implements AutoCloseable {

    /** How often connections are checked against the idle timeout. */
    private static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(5);

    private final WebServer server;
    private final Database database;
    private final AuditLog audit;
    private final QueuedOutbox outbox;
    private final RequestGuard guard;
    private final TokenInvalidations invalidations;
    private final List<Route> routes;

    private ServerApp(WebServer server, Database database, AuditLog audit, QueuedOutbox outbox, RequestGuard guard,
                      TokenInvalidations invalidations, List<Route> routes) {
        this.invalidations = invalidations;
        this.routes = routes;
        this.server = server;
        this.database = database;
        this.audit = audit;
        this.outbox = outbox;
        this.guard = guard;
    }

    /** Migrates the database, seeds it in dev mode and starts the server. */
    public static ServerApp start(AppConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(AppConfig)}, with the clock every expiry decision reads. */
    public static ServerApp start(AppConfig config, Clock clock) {
        boolean embedded = config.database().url().isBlank();
        if (embedded) {
            secureDataFolder(config);
        }
        SigningKeys keys = SigningKeys.load(config);
        TotpSecretCipher totpCipher = TotpSecretCipher.load(config);
        requirePortFree(config.server());
        Database database = openDatabase(config);
        if (embedded) {
            secureDataFolder(config);
        }
        AuditLog audit = new AuditLog(database.jdbi(), clock);
        QueuedOutbox outbox = new QueuedOutbox(new DatabaseOutbox(database.jdbi(), clock, PasswordResets.LIFETIME));
        RequestGuard guard = new RequestGuard(config.server().headerTimeout(), config.server().requestTimeout());
        TokenInvalidations invalidations = new TokenInvalidations(database.jdbi(), clock, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        try {
            AtomicReference<WebServer> started = new AtomicReference<>();
            AtomicReference<List<Route>> registry = new AtomicReference<>();
            Supplier<String> publicUrl = config.configuredPublicUrl().<Supplier<String>>map(url -> () -> url)
                    .orElse(() -> "http://localhost:" + started.get().port());
            WebServer server = WebServer.builder()
                    .host(config.server().host())
                    .port(config.server().port())
                    .maxPayloadSize(config.security().maxPayloadBytes())
                    .idleConnectionTimeout(config.server().idleTimeout())
                    .idleConnectionPeriod(IDLE_CHECK_PERIOD)
                    .protocolsDiscoverServices(false)
                    .addProtocol(Http1Config.builder().addReceiveListener(guard).addSendListener(guard.responses())
                            .build())
                    .errorHandling(ErrorHandling.builder().includeEntity(true).build())
                    .directHandlers(Problems.directHandlers())
                    .featuresDiscoverServices(false)
                    .addFeature(ObserveFeature.create(HealthObserver.builder()
                            .details(true)
                            .addCheck(databaseCheck(database), HealthCheckType.READINESS)
                            .build()))
                    .routing(routing -> registry.set(routing(routing, config, keys, totpCipher, database, audit,
                            outbox, invalidations, clock, publicUrl)))
                    .build();
            started.set(server);
            server.start();
            if (!server.isRunning()) {
                throw new StartupException("The web server did not start on " + config.server().host() + ":"
                        + config.server().port() + " (the log above says why)");
            }
            return new ServerApp(server, database, audit, outbox, guard, invalidations, registry.get());
        } catch (RuntimeException e) {
            guard.close();
            invalidations.close();
            outbox.close();
            database.close();
            throw e;
        }
    }

    private static void secureDataFolder(AppConfig config) {
        try {
            DataDirectory.secure(config.dataDir());
        } catch (RuntimeException e) {
            throw new StartupException("The data folder " + config.dataDir().toAbsolutePath() + " cannot be used ("
                    + rootCause(e) + "); set APP_DATA_DIR to a folder this user may write", e);
        }
    }

    /**
     * Binding the port first, briefly, turns "in use" into one clear line before anything else starts (Helidon
     * would log a stack trace and carry on without a listener).
     */
    private static void requirePortFree(AppConfig.ServerSettings server) {
        if (server.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(server.host(), server.port()));
        } catch (IOException e) {
            throw new StartupException("Port " + server.port() + " on " + server.host() + " is already in use (or not "
                    + "allowed): stop what holds it, or pick another port with SERVER_PORT (the demo: mvn -Pdemo "
                    + "package -Ddemo.port=" + (server.port() + 1) + ")", e);
        }
    }

    private static Database openDatabase(AppConfig config) {
        try {
            return Database.open(config);
        } catch (RuntimeException e) {
            if (config.database().url().isBlank() && Database.isAlreadyInUse(e)) {
                throw new StartupException("The database in " + config.dataDir().toAbsolutePath() + " is in use by "
                        + "another process, probably another backend on the same data folder: stop it, or set "
                        + "APP_DATA_DIR to another folder", e);
            }
            if (config.database().url().isBlank()) {
                throw new StartupException("The embedded database in " + config.dataDir().toAbsolutePath()
                        + " cannot be opened (" + rootCause(e) + "); set APP_DATA_DIR to a folder this user may write",
                        e);
            }
            throw new StartupException("The database at " + config.database().url().replaceAll("\\?.*", "")
                    + " cannot be used (" + rootCause(e) + "); check DB_URL, DB_USERNAME and DB_PASSWORD", e);
        }
    }

    /** The innermost cause's kind and message, e.g. {@code AccessDeniedException: /srv/data}. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static List<Route> routing(HttpRouting.Builder routing, AppConfig config, SigningKeys keys,
                                TotpSecretCipher totpCipher, Database database, AuditLog audit, QueuedOutbox outbox,
                                TokenInvalidations invalidations, Clock clock, Supplier<String> publicUrl) {
        var jdbi = database.jdbi();
        PasswordHasher hasher = new PasswordHasher();
        UserRepository users = new UserRepository(jdbi);
        PostRepository posts = new PostRepository(jdbi);
        ProductRepository products = new ProductRepository(jdbi);
        if (config.devMode()) {
            DevSeed.seedIfEmpty(jdbi, users, posts, products, hasher, clock);
        }
        CommonPasswords commonPasswords = CommonPasswords.load();
        TokenIssuer issuer = new TokenIssuer(keys, config.tokens(), publicUrl, clock);
        RefreshTokens refreshTokens = new RefreshTokens(jdbi, clock, config.tokens().refreshLifetime(), invalidations);
        AccessTokenVerifier verifier = new AccessTokenVerifier(keys, config.tokens(), publicUrl, invalidations, clock);
        Security security = Security.builder()
                .addAuthenticationProvider(HttpBasicAuthProvider.builder().realm("api")
                        .userStore(new BasicUserStore(users, hasher)).build(), BasicRoutes.PROVIDER)
                .build();
        Sessions sessions = new Sessions(jdbi, clock, config.auth().sessionIdle(), config.auth().sessionAbsolute(),
                config.secureCookies());
        Access access = new Access(config.security().missingTokenStatus(), verifier, sessions);
        RateLimits limits = new RateLimits(config.security().rateLimitsEnabled(),
                config.security().rateLimitStore().equals("database")
                        ? new DatabaseBucketStore(jdbi) : new InMemoryBucketStore());
        LoginThrottle throttle = new LoginThrottle(limits, audit);
        OAuthClients clients = new OAuthClients(config.auth().clients());
        TotpService totp = new TotpService(jdbi, clock, totpCipher);
        SecondFactor secondFactor = new SecondFactor(totp, limits, audit);
        AuthorizationCodes codes = new AuthorizationCodes(jdbi);
        AuthService auth = new AuthService(users, hasher, issuer, refreshTokens, invalidations,
                commonPasswords::isCommon, audit, throttle, clock, codes, clients, secondFactor);

        routing.addFilter(Problems.closeWhenSaid());
        routing.addFilter(SecurityHeaders.filter());
        routing.addFilter(ClientIp.filter(new ClientIpResolver(config.security().trustedProxies())));
        routing.addFilter(AuthorizationHeader.atMostOne());
        routing.register(cors(config.security().corsAllowedOrigins()));
        routing.addFeature(SecurityHttpFeature.create(security));
        UserService userService = new UserService(users, invalidations, refreshTokens);
        PostService postService = new PostService(posts, clock);
        ProductService productService = new ProductService(products, clock);
        List<Route> routes = new ApiRoutes(access, limits,
                new DiscoveryRoutes(publicUrl, keys),
                new AuthRoutes(auth, sessions),
                new SessionRoutes(auth, sessions, audit),
                new AuthorizeRoutes(new BrowserLogin(clients, codes, publicUrl, clock), auth),
                new PasswordResetRoutes(new PasswordResets(jdbi, users, hasher, refreshTokens, outbox, outbox,
                        email -> limits.allow(RateLimitPolicy.RESET_PER_EMAIL, RateLimitKeys.name(email)),
                        commonPasswords::isCommon, clock, sessions), audit),
                new TotpRoutes(totp, secondFactor, audit),
                new UserRoutes(userService),
                new AdminRoutes(new AdminService(userService, postService, productService, new ReportRepository(jdbi)),
                        audit),
                new ProductRoutes(productService),
                new PostRoutes(postService, access),
                new ApiKeyRoutes(new ApiKeys(jdbi, clock), limits, audit),
                new BasicRoutes(throttle, hasher),
                new InternalRoutes(config.security().internalAllowedIps()),
                config.devMode() ? new DevTokenRoutes(new DevTokenMint(userService, issuer, refreshTokens)) : null,
                config.devMode() ? new DevOutboxRoutes(outbox) : null)
                .routes();
        Routes.register(routing, routes);
        routing.error(Throwable.class, Problems.handler((request, refusal) -> {
            AuditLog.Event event = refusal.status() == 401 ? AuditLog.Event.UNAUTHORIZED : AuditLog.Event.FORBIDDEN;
            String detail = request.prologue().method().text() + " " + request.path().path() + ": " + refusal.detail();
            var caller = request.context().get(Caller.class);
            if (caller.isPresent()) {
                audit.record(event, false, caller.get().userId(), caller.get().username(), ClientIp.of(request), detail);
            } else {
                audit.recordAnonymousRefusal(event, ClientIp.of(request), RateLimitKeys.address(request), detail);
            }
        }));
        return routes;
    }

    /** Helidon's CORS support: the configured origins only; none configured, none allowed. */
    private static CorsSupport cors(List<String> origins) {
        if (origins.isEmpty()) {
            return CorsSupport.builder().enabled(false).build();
        }
        return CorsSupport.builder()
                .addCrossOrigin(CrossOriginConfig.builder()
                        .allowOrigins(origins.toArray(String[]::new))
                        .allowMethods("GET", "POST", "PUT", "DELETE")
                        .allowHeaders("Authorization", "Content-Type", "X-API-Key", "X-TOTP-Code")
                        .exposeHeaders("WWW-Authenticate", "RateLimit", "RateLimit-Policy", "Retry-After")
                        .maxAgeSeconds(600)
                        .build())
                .build();
    }

    private static HealthCheck databaseCheck(Database database) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public HealthCheckResponse call() {
                try {
                    database.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
                    return HealthCheckResponse.builder().status(true).build();
                } catch (RuntimeException e) {
                    return HealthCheckResponse.builder().status(false).detail("error", e.getClass().getSimpleName())
                            .build();
                }
            }
        };
    }

    /** The port the server listens on (the free one picked, for port 0). */
    /** The route registry this server was built from. */
    public List<Route> routes() {
        return routes;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        server.stop();
        guard.close();
        invalidations.close();
        audit.writeCountsBefore(java.time.Instant.MAX);
        outbox.close();
        database.close();
    }
}
