package io.tokenworkbench.server.audit;

import io.tokenworkbench.model.admin.AuditEntry;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;

/**
 * Security events in the database, newest first on reading. Callers pass only what is safe to keep: never a password,
 * token, key or secret (details are short fixed phrases). Thread-safe.
 */
public final class AuditLog {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    /** The kinds of event recorded. */
    public enum Event {
        LOGIN, REFRESH, REFRESH_REUSE, LOGOUT, PASSWORD_RESET_REQUEST, PASSWORD_RESET, TOTP_ENROLL, TOTP_ACTIVATE,
        TOTP_LOCKOUT, LOGIN_LOCKOUT, API_KEY_CREATE, API_KEY_DELETE, UNAUTHORIZED, FORBIDDEN
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records one event; a failure to record is logged and does not fail the request that caused it. */
    public void record(Event event, boolean success, Long userId, String username, String clientIp, String detail) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            insert into audit_log (at, event, outcome, user_id, username, client_ip, detail)
                            values (:at, :event, :outcome, :user, :username, :ip, :detail)""")
                    .bind("at", clock.instant()).bind("event", event.name())
                    .bind("outcome", success ? "success" : "failure").bind("user", userId)
                    .bind("username", truncate(username, 64)).bind("ip", truncate(clientIp, 64))
                    .bind("detail", truncate(detail, 500)).execute());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record audit event " + event + ": "
                    + e.getClass().getSimpleName());
        }
    }

    public List<AuditEntry> newest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select * from audit_log order by id desc limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    long user = rs.getLong("user_id");
                    Long userId = rs.wasNull() ? null : user;
                    return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("event"),
                            rs.getString("outcome"), userId, rs.getString("username"), rs.getString("client_ip"),
                            rs.getString("detail"));
                })
                .list());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
