package io.tokenworkbench.server.admin;

import io.tokenworkbench.model.admin.Report;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** The moderation reports table. */
public final class ReportRepository {

    private final Jdbi jdbi;

    public ReportRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every report, oldest first. */
    public List<Report> list() {
        return jdbi.withHandle(handle -> handle.createQuery("select id, post_id, reason, status from reports order by id")
                .map((rs, ctx) -> new Report(rs.getLong("id"), rs.getLong("post_id"), rs.getString("reason"),
                        rs.getString("status")))
                .list());
    }
}
