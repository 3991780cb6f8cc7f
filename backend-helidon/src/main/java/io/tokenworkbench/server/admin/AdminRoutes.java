package io.tokenworkbench.server.admin;

import io.tokenworkbench.model.admin.Stats;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.post.PostRepository;
import io.tokenworkbench.server.product.ProductRepository;
import io.tokenworkbench.server.user.UserRepository;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /v1/admin/stats}, {@code /v1/admin/audit} and {@code /v1/moderator/reports}. */
public final class AdminRoutes {

    private final UserRepository users;
    private final PostRepository posts;
    private final ProductRepository products;
    private final ReportRepository reports;
    private final AuditLog audit;

    public AdminRoutes(UserRepository users, PostRepository posts, ProductRepository products, ReportRepository reports,
                       AuditLog audit) {
        this.users = users;
        this.posts = posts;
        this.products = products;
        this.reports = reports;
        this.audit = audit;
    }

    /** Security events, newest first; {@code ?limit=} 1..1000, default 100. */
    public void audit(ServerRequest request, ServerResponse response) {
        int limit = PathParams.queryInt(request, "limit", 1, 1000).orElse(100);
        JsonBodies.ok(response, audit.newest(limit));
    }

    public void stats(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, new Stats(users.count(), users.countActive(), posts.count(false), posts.count(true),
                products.count()));
    }

    public void reports(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, reports.list());
    }
}
