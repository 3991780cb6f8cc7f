package io.tokenworkbench.server.audit;

import io.tokenworkbench.model.admin.AuditEntry;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Security events in the database, newest first on reading. Callers pass only what is safe to keep: never a password,
 * token, key or secret (details are short fixed phrases). Control characters in any field are escaped, so a request
 * path cannot forge lines. Refusals of anonymous requests are aggregated: per address (an IPv6 client's /64) and
 * minute, the first is recorded in full and the rest as one count once the minute is over, so a flood of
 * unauthenticated requests writes two rows a minute, not one per request. Thread-safe.
 */
public final class AuditLog {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

    /** The kinds of event recorded. */
    public enum Event {
        LOGIN, REFRESH, REFRESH_REUSE, LOGOUT, PASSWORD_RESET_REQUEST, PASSWORD_RESET, TOTP_ENROLL, TOTP_ACTIVATE,
        TOTP_REMOVE, TOTP_LOCKOUT, LOGIN_LOCKOUT, API_KEY_CREATE, API_KEY_DELETE, UNAUTHORIZED, FORBIDDEN
    }

    private final Jdbi jdbi;
    private final Clock clock;
    /** Anonymous refusals after the first, per address and minute, not yet written. */
    private final ConcurrentMap<RefusalWindow, Long> unwrittenRefusals = new ConcurrentHashMap<>();

    private record RefusalWindow(Event event, String address, Instant minute) {
    }

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
                    .bind("username", neutralised(username, 64)).bind("ip", neutralised(clientIp, 64))
                    .bind("detail", neutralised(detail, 500)).execute());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record audit event " + event + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Records the refusal of a request without credentials (or with credentials nobody holds): in full when it is the
     * first of its kind from the address this minute, else counted into one row written after the minute.
     *
     * @param address the limit key of the client (see {@code RateLimitKeys.address}), which groups an IPv6 /64
     */
    public void recordAnonymousRefusal(Event event, String clientIp, String address, String detail) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        writeCountsBefore(minute);
        boolean[] first = {false};
        unwrittenRefusals.compute(new RefusalWindow(event, address, minute), (window, count) -> {
            first[0] = count == null;
            return count == null ? 0L : count + 1;
        });
        if (first[0]) {
            record(event, false, null, null, clientIp, detail);
        }
    }

    /** Writes the counts of minutes before {@code minute}; with {@link Instant#MAX}, of every minute (at shutdown). */
    public void writeCountsBefore(Instant minute) {
        for (RefusalWindow window : unwrittenRefusals.keySet()) {
            if (window.minute().isBefore(minute)) {
                Long more = unwrittenRefusals.remove(window);
                if (more != null && more > 0) {
                    record(window.event(), false, null, null, window.address(), more + " more anonymous refusals from "
                            + "this address in the minute from " + window.minute());
                }
            }
        }
    }

    public List<AuditEntry> newest(int limit) {
        writeCountsBefore(clock.instant().truncatedTo(ChronoUnit.MINUTES));
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

    /** Control characters written as {@code \r}, {@code \n}, {@code \t} or a Java-style escape, then cut to size. */
    static String neutralised(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.length() <= max ? out.toString() : out.substring(0, max);
    }
}
