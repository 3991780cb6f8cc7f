package io.tokenworkbench.server.admin;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;

/** Handlers of {@code /v1/admin/stats}, {@code /v1/admin/audit} and {@code /v1/moderator/reports}. */
public final class AdminRoutes {

    private final AdminService admin;
    private final AuditLog audit;

    public AdminRoutes(AdminService admin, AuditLog audit) {
        this.admin = admin;
        this.audit = audit;
    }

    /** Security events, newest first; {@code ?limit=} 1..1000, default 100. */
    public void audit(ServerRequest request, ServerResponse response) {
        int limit = PathParams.queryInt(request, "limit", 1, 1000).orElse(100);
        JsonBodies.ok(response, audit.newest(limit));
    }

    public void stats(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, admin.stats());
    }

    public void reports(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, admin.reports());
    }
}
