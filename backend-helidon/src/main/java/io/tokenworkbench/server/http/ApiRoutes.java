package io.tokenworkbench.server.http;

import io.helidon.webserver.http.HttpRouting;
import io.tokenworkbench.server.admin.AdminRoutes;
import io.tokenworkbench.server.auth.AuthRoutes;
import io.tokenworkbench.server.dev.DevTokenRoutes;
import io.tokenworkbench.server.discovery.DiscoveryRoutes;
import io.tokenworkbench.server.post.PostRoutes;
import io.tokenworkbench.server.product.ProductRoutes;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.user.UserRoutes;

/**
 * The API's routes and who may call them: each line names the method, the path, the gate (first handler) and the
 * handler, so this file reads like the contract's endpoint table. Ownership is checked in the feature's service.
 *
 * @param dev the dev-mode routes, or null when dev mode is off (they then answer 404)
 */
public record ApiRoutes(Access access, DiscoveryRoutes discovery, AuthRoutes auth, UserRoutes users,
                        AdminRoutes admin, ProductRoutes products, PostRoutes posts, DevTokenRoutes dev) {

    public void register(HttpRouting.Builder routing) {
        routing
                .get("/ping", discovery::ping)
                .get("/protected", access.authenticated(), discovery::protectedResource)
                .get("/.well-known/jwks.json", discovery::jwks)
                .get("/.well-known/oauth-authorization-server", discovery::metadata)
                .get("/openapi", discovery::openApi)

                .post("/v1/auth/register", auth::register)
                .post("/v1/auth/token", auth::token)
                .post("/v1/auth/logout", access.authenticated(), auth::logout)

                .get("/v1/users/me", access.authenticated(), users::me)
                .get("/v1/users/{id}", access.authenticated(), users::get)
                .delete("/v1/users/{id}", access.permission("users:delete"), users::delete)
                .get("/v1/admin/users", access.role("admin"), users::list)
                .get("/v1/admin/stats", access.scopes("admin:read", "stats:read"), admin::stats)
                .get("/v1/moderator/reports", access.role("admin", "moderator"), admin::reports)

                .get("/v1/products", products::list)
                .get("/v1/products/favorites", access.authenticated(), products::favorites)
                .put("/v1/products/{id}/favorite", access.authenticated(), products::addFavorite)
                .delete("/v1/products/{id}/favorite", access.authenticated(), products::removeFavorite)
                .post("/v1/products", access.staff(), products::create)
                .delete("/v1/products/{id}", access.superuser(), products::delete)

                .get("/v1/posts", posts::list)
                .get("/v1/posts/{id}", posts::get)
                .post("/v1/posts", access.scopes("posts:write"), posts::create)
                .put("/v1/posts/{id}", access.scopes("posts:write"), posts::update)
                .delete("/v1/posts/{id}", access.scopes("posts:write"), posts::delete);

        if (dev != null) {
            routing.post("/v1/dev/tokens", dev::mint);
        }
    }
}
