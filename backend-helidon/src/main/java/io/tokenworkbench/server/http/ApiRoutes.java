package io.tokenworkbench.server.http;

import io.helidon.webserver.http.HttpRouting;
import io.tokenworkbench.server.admin.AdminRoutes;
import io.tokenworkbench.server.apikey.ApiKeyRoutes;
import io.tokenworkbench.server.auth.AuthRoutes;
import io.tokenworkbench.server.basic.BasicRoutes;
import io.tokenworkbench.server.clientip.InternalRoutes;
import io.tokenworkbench.server.dev.DevOutboxRoutes;
import io.tokenworkbench.server.dev.DevTokenRoutes;
import io.tokenworkbench.server.discovery.DiscoveryRoutes;
import io.tokenworkbench.server.passwordreset.PasswordResetRoutes;
import io.tokenworkbench.server.post.PostRoutes;
import io.tokenworkbench.server.product.ProductRoutes;
import io.tokenworkbench.server.ratelimit.RateLimitKeys;
import io.tokenworkbench.server.ratelimit.RateLimitPolicy;
import io.tokenworkbench.server.ratelimit.RateLimits;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.totp.TotpRoutes;
import io.tokenworkbench.server.user.UserRoutes;

/**
 * The API's routes and who may call them: each line names the method, the path, the gates (first handlers) and the
 * handler, so this file reads like the contract's endpoint table. A level or role gate names the permission its route
 * exercises, which a token narrowed by scope must still carry. Ownership is checked in the feature's service.
 *
 * @param devTokens the dev-mode routes, or null when dev mode is off (they then answer 404)
 * @param devOutbox likewise
 */
public record ApiRoutes(Access access, RateLimits limits, DiscoveryRoutes discovery, AuthRoutes auth,
                        PasswordResetRoutes resets, TotpRoutes totp, UserRoutes users, AdminRoutes admin,
                        ProductRoutes products, PostRoutes posts, ApiKeyRoutes apiKeys, BasicRoutes basic,
                        InternalRoutes internal, DevTokenRoutes devTokens, DevOutboxRoutes devOutbox) {

    public void register(HttpRouting.Builder routing) {
        routing
                .get("/ping", discovery::ping)
                .get("/protected", access.authenticated(), discovery::protectedResource)
                .get("/.well-known/jwks.json", discovery::jwks)
                .get("/.well-known/oauth-authorization-server", discovery::metadata)
                .get("/openapi", discovery::openApi)

                .post("/v1/auth/register", auth::register)
                .post("/v1/auth/token", limits.limit(RateLimitPolicy.TOKEN_ENDPOINT, RateLimitKeys::address),
                        auth::token)
                .post("/v1/auth/logout", access.authenticated(), auth::logout)
                .post("/v1/auth/password-reset/request",
                        limits.limit(RateLimitPolicy.RESET_PER_ADDRESS, RateLimitKeys::address), resets::request)
                .post("/v1/auth/password-reset/confirm", resets::confirm)
                .post("/v1/auth/totp", access.authenticated(), totp::enroll)
                .post("/v1/auth/totp/verify", access.authenticated(), totp::verify)
                .delete("/v1/auth/totp", access.authenticated(), totp.totpCode(), totp::remove)

                .get("/v1/users/me", access.authenticated(), users::me)
                .get("/v1/users/{id}", access.authenticated(), users::get)
                .delete("/v1/users/{id}", access.permission("users:delete"), users::delete)
                .get("/v1/admin/users", access.role("users:read", "admin"), users::list)
                .get("/v1/admin/stats", access.scopes("admin:read", "stats:read"), admin::stats)
                .get("/v1/admin/audit", access.superuser("audit:read"), admin::audit)
                .get("/v1/moderator/reports", access.role("reports:read", "admin", "moderator"), admin::reports)

                .get("/v1/products", products::list)
                .get("/v1/products/favorites", access.authenticated(), products::favorites)
                .put("/v1/products/{id}/favorite", access.authenticated(), products::addFavorite)
                .delete("/v1/products/{id}/favorite", access.authenticated(), products::removeFavorite)
                .post("/v1/products", access.staff("products:write"), products::create)
                .delete("/v1/products/{id}", access.superuser("products:write"), products::delete)

                .get("/v1/posts", posts::list)
                .get("/v1/posts/{id}", posts::get)
                .post("/v1/posts", access.scopes("posts:write"), posts::create)
                .put("/v1/posts/{id}", access.scopes("posts:write"), posts::update)
                .delete("/v1/posts/{id}", access.scopes("posts:write"), posts::delete)

                .post("/v1/api-keys", access.authenticated(), apiKeys::create)
                .get("/v1/api-keys", access.authenticated(), apiKeys::list)
                .delete("/v1/api-keys/{id}", access.authenticated(), apiKeys::delete)
                .get("/v1/data", apiKeys.apiKey(), apiKeys::data)
                .get("/v1/basic/hello", basic.basic(), basic::hello)
                .get("/v1/secure/sensitive-data", access.authenticated(), totp.totpCode(), totp::sensitiveData)
                .get("/v1/expensive-operation", access.authenticated(),
                        limits.limit(RateLimitPolicy.EXPENSIVE, request -> "user-" + Access.caller(request).userId()),
                        discovery::expensiveOperation)
                .get("/internal/status", internal.allowlisted(), internal::status);

        if (devTokens != null) {
            routing.post("/v1/dev/tokens", devTokens::mint);
        }
        if (devOutbox != null) {
            routing.get("/v1/dev/outbox", devOutbox::list);
        }
    }
}
