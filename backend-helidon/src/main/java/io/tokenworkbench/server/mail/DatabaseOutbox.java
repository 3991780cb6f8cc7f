package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;

/** The transactional-outbox table {@code outbox_mail}. Thread-safe. */
public final class DatabaseOutbox implements Outbox {

    private final Jdbi jdbi;
    private final Clock clock;

    public DatabaseOutbox(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void send(String to, String subject, String body) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into outbox_mail (recipient, subject, body, created_at)
                        values (:to, :subject, :body, :at)""")
                .bind("to", to).bind("subject", subject).bind("body", body).bind("at", clock.instant()).execute());
    }

    @Override
    public List<OutboxMail> newest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select * from outbox_mail order by id desc limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new OutboxMail(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list());
    }
}
