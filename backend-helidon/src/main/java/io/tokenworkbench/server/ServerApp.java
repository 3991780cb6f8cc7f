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
import io.tokenworkbench.server.admin.AdminRoutes;
import io.tokenworkbench.server.auth.AuthRoutes;
import io.tokenworkbench.server.auth.AuthService;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.db.Database;
import io.tokenworkbench.server.dev.DevSeed;
import io.tokenworkbench.server.dev.DevTokenRoutes;
import io.tokenworkbench.server.discovery.DiscoveryRoutes;
import io.tokenworkbench.server.http.ApiRoutes;
import io.tokenworkbench.server.http.Problems;
import io.tokenworkbench.server.http.SecurityHeaders;
import io.tokenworkbench.server.post.PostRepository;
import io.tokenworkbench.server.post.PostRoutes;
import io.tokenworkbench.server.post.PostService;
import io.tokenworkbench.server.product.ProductRepository;
import io.tokenworkbench.server.product.ProductRoutes;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.BearerTokenProvider;
import io.tokenworkbench.server.security.CommonPasswords;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.token.AccessTokenVerifier;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.SigningKeys;
import io.tokenworkbench.server.token.TokenInvalidations;
import io.tokenworkbench.server.token.TokenIssuer;
import io.tokenworkbench.server.user.UserRepository;
import io.tokenworkbench.server.user.UserRoutes;

import java.time.Clock;
import java.time.Duration;

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

    private final WebServer server;
    private final Database database;

    private ServerApp(WebServer server, Database database) {
        this.server = server;
        this.database = database;
    }

    /** Migrates the database, seeds it in dev mode and starts the server. */
    public static ServerApp start(AppConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(AppConfig)}, with the clock every expiry decision reads. */
    public static ServerApp start(AppConfig config, Clock clock) {
        SigningKeys keys = SigningKeys.load(config);
        Database database = Database.open(config);
        try {
            WebServer server = WebServer.builder()
                    .host(config.server().host())
                    .port(config.server().port())
                    .maxPayloadSize(config.security().maxPayloadBytes())
                    .directHandlers(Problems.directHandlers())
                    .featuresDiscoverServices(false)
                    .addFeature(ObserveFeature.create(HealthObserver.builder()
                            .details(true)
                            .addCheck(databaseCheck(database), HealthCheckType.READINESS)
                            .build()))
                    .routing(routing -> routing(routing, config, keys, database, clock))
                    .build()
                    .start();
            return new ServerApp(server, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void routing(HttpRouting.Builder routing, AppConfig config, SigningKeys keys, Database database,
                                Clock clock) {
        var jdbi = database.jdbi();
        PasswordHasher hasher = new PasswordHasher();
        UserRepository users = new UserRepository(jdbi);
        PostRepository posts = new PostRepository(jdbi);
        ProductRepository products = new ProductRepository(jdbi);
        if (config.devMode()) {
            DevSeed.seedIfEmpty(jdbi, users, posts, products, hasher, clock);
        }
        TokenInvalidations invalidations = new TokenInvalidations(jdbi, clock, Duration.ofSeconds(1));
        TokenIssuer issuer = new TokenIssuer(keys, config.tokens(), clock);
        RefreshTokens refreshTokens = new RefreshTokens(jdbi, clock, config.tokens().refreshLifetime());
        AccessTokenVerifier verifier = new AccessTokenVerifier(keys, config.tokens(), invalidations, clock);
        Security security = Security.builder()
                .addAuthenticationProvider(new BearerTokenProvider(verifier), BearerTokenProvider.NAME)
                .build();
        Access access = new Access(config.security().missingTokenStatus());
        AuthService auth = new AuthService(users, hasher, issuer, refreshTokens, invalidations,
                CommonPasswords.load()::isCommon, clock);

        routing.addFilter(SecurityHeaders.filter());
        routing.addFeature(SecurityHttpFeature.create(security));
        new ApiRoutes(access,
                new DiscoveryRoutes(config.tokens().issuer(), keys),
                new AuthRoutes(auth),
                new UserRoutes(users, invalidations, refreshTokens),
                new AdminRoutes(users, posts, products, jdbi),
                new ProductRoutes(products, clock),
                new PostRoutes(new PostService(posts, clock), access),
                config.devMode() ? new DevTokenRoutes(users, issuer) : null)
                .register(routing);
        routing.error(Throwable.class, Problems::handle);
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
        database.close();
    }
}
