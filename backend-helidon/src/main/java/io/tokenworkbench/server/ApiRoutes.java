package io.tokenworkbench.server;

import io.tokenworkbench.server.admin.AdminRoutes;
import io.tokenworkbench.server.apikey.ApiKeyRoutes;
import io.tokenworkbench.server.auth.AuthRoutes;
import io.tokenworkbench.server.auth.AuthorizeRoutes;
import io.tokenworkbench.server.auth.SessionRoutes;
import io.tokenworkbench.server.basic.BasicRoutes;
import io.tokenworkbench.server.clientip.InternalRoutes;
import io.tokenworkbench.server.dev.DevOutboxRoutes;
import io.tokenworkbench.server.dev.DevTokenRoutes;
import io.tokenworkbench.server.discovery.DiscoveryRoutes;
import io.tokenworkbench.server.http.Gate;
import io.tokenworkbench.server.http.Route;
import io.tokenworkbench.server.passwordreset.PasswordResetRoutes;
import io.tokenworkbench.server.post.PostRoutes;
import io.tokenworkbench.server.product.ProductRoutes;
import io.tokenworkbench.server.ratelimit.RateLimitKeys;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.totp.TotpRoutes;
import io.tokenworkbench.server.user.UserRoutes;

import java.util.ArrayList;
import java.util.List;

import static io.tokenworkbench.server.http.Gate.PUBLIC;
import static io.tokenworkbench.server.http.Route.delete;
import static io.tokenworkbench.server.http.Route.get;
import static io.tokenworkbench.server.http.Route.post;
import static io.tokenworkbench.server.http.Route.put;

/**
 * The route registry: every route of the API, once, with its gate and handlers, so this file reads like the
 * contract's endpoint table. Routing, HEAD/405/OPTIONS, the OpenAPI check and the access-table and hostile-input
 * tests all read this list. A level or role gate names the permission its route exercises, which a token narrowed by
 * scope must still carry. Ownership is checked in the feature's service.
 *
 * @param devTokens the dev-mode routes, or null when dev mode is off (they then answer 404)
 * @param devOutbox likewise
 */
record ApiRoutes(Access access, RateLimits limits, DiscoveryRoutes discovery, AuthRoutes auth, SessionRoutes sessions,
                 AuthorizeRoutes authorize,
                 PasswordResetRoutes resets, TotpRoutes totp, UserRoutes users, AdminRoutes admin,
                 ProductRoutes products, PostRoutes posts, ApiKeyRoutes apiKeys, BasicRoutes basic,
                 InternalRoutes internal, DevTokenRoutes devTokens, DevOutboxRoutes devOutbox) {

    List<Route> routes() {
        Gate authenticated = access.authenticated();
        List<Route> routes = new ArrayList<>(List.of(
                get("/ping", PUBLIC, discovery::ping),
                get("/protected", authenticated, discovery::protectedResource),
                get("/.well-known/jwks.json", PUBLIC, discovery::jwks),
                get("/.well-known/oauth-authorization-server", PUBLIC, discovery::metadata),
                get("/openapi", PUBLIC, discovery::openApi),

                get("/oauth/authorize", PUBLIC, authorize::page),
                post("/oauth/authorize", PUBLIC, limits.limit(RateLimitPolicy.LOGIN_PAGE, RateLimitKeys::address),
                        authorize::submit),

                post("/v1/auth/register", PUBLIC, auth::register),
                post("/v1/auth/token", PUBLIC, limits.limit(RateLimitPolicy.TOKEN_ENDPOINT, RateLimitKeys::address),
                        auth::token),
                post("/v1/auth/logout", authenticated, auth::logout),
                post("/v1/auth/session", PUBLIC, limits.limit(RateLimitPolicy.SESSION_LOGIN, RateLimitKeys::address),
                        sessions::login),
                delete("/v1/auth/session", authenticated, sessions::logout),
                post("/v1/auth/password-reset/request", PUBLIC,
                        limits.limit(RateLimitPolicy.RESET_PER_ADDRESS, RateLimitKeys::address), resets::request),
                post("/v1/auth/password-reset/confirm", PUBLIC, resets::confirm),
                post("/v1/auth/totp", authenticated, totp::enroll),
                post("/v1/auth/totp/verify", authenticated, totp::verify),
                delete("/v1/auth/totp", authenticated, totp.totpCode(), totp::remove),

                get("/v1/users/me", authenticated, users::me),
                get("/v1/users/{id}", authenticated, users::get),
                delete("/v1/users/{id}", access.permission("users:delete"), users::delete),
                get("/v1/admin/users", access.role("users:read", "admin"), users::list),
                get("/v1/admin/stats", access.scopes("admin:read", "stats:read"), admin::stats),
                get("/v1/admin/audit", access.superuser("audit:read"), admin::audit),
                get("/v1/moderator/reports", access.role("reports:read", "admin", "moderator"), admin::reports),

                get("/v1/products", PUBLIC, products::list),
                get("/v1/products/favorites", authenticated, products::favorites),
                put("/v1/products/{id}/favorite", authenticated, products::addFavorite),
                delete("/v1/products/{id}/favorite", authenticated, products::removeFavorite),
                post("/v1/products", access.staff("products:write"), products::create),
                delete("/v1/products/{id}", access.superuser("products:write"), products::delete),

                get("/v1/posts", PUBLIC, posts::list),
                get("/v1/posts/{id}", PUBLIC, posts::get),
                post("/v1/posts", access.scopes("posts:write"), posts::create),
                put("/v1/posts/{id}", access.scopes("posts:write"), posts::update),
                delete("/v1/posts/{id}", access.scopes("posts:write"), posts::delete),

                post("/v1/api-keys", authenticated, apiKeys::create),
                get("/v1/api-keys", authenticated, apiKeys::list),
                delete("/v1/api-keys/{id}", authenticated, apiKeys::delete),
                get("/v1/data", apiKeys.apiKey(), apiKeys::data),
                get("/v1/basic/hello", basic.basic(), basic::hello),
                get("/v1/secure/sensitive-data", authenticated, totp.totpCode(), totp::sensitiveData),
                get("/v1/expensive-operation", authenticated,
                        limits.limit(RateLimitPolicy.EXPENSIVE, request -> "user-" + Access.caller(request).userId()),
                        discovery::expensiveOperation),
                get("/internal/status", internal.allowlisted(), internal::status)));
        if (devTokens != null) {
            routes.add(post("/v1/dev/tokens", PUBLIC, devTokens::mint));
        }
        if (devOutbox != null) {
            routes.add(get("/v1/dev/outbox", PUBLIC, devOutbox::list));
        }
        return List.copyOf(routes);
    }
}
