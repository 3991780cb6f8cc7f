package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The transactional-outbox table {@code outbox_mail}. Mail older than the retention (the life of what it carries, a
 * reset token's hour) is purged whenever mail is written or read, so no live secret sits in the database longer.
 * Thread-safe.
 */
public final class DatabaseOutbox implements Outbox {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retention;

    public DatabaseOutbox(Jdbi jdbi, Clock clock, Duration retention) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void send(String to, String subject, String body) {
        purge();
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into outbox_mail (recipient, subject, body, created_at)
                        values (:to, :subject, :body, :at)""")
                .bind("to", to).bind("subject", subject).bind("body", body).bind("at", clock.instant()).execute());
    }

    @Override
    public void forget(String recipient) {
        jdbi.useHandle(h -> h.createUpdate("delete from outbox_mail where lower(recipient) = lower(:to)")
                .bind("to", recipient).execute());
    }

    private void purge() {
        jdbi.useHandle(h -> h.createUpdate("delete from outbox_mail where created_at < :before")
                .bind("before", clock.instant().minus(retention)).execute());
    }

    @Override
    public List<OutboxMail> newest(int limit) {
        purge();
        return jdbi.withHandle(h -> h.createQuery("select * from outbox_mail order by id desc limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new OutboxMail(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }
}
