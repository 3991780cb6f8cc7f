package io.tokenworkbench.server.passwordreset;

import io.tokenworkbench.model.dev.OutboxMail;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.db.Database;
import io.tokenworkbench.server.mail.Outbox;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.session.Sessions;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.TokenInvalidations;
import io.tokenworkbench.server.user.UserRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reset request for a known email does no more on the request thread than one for an unknown email (issue 16,
 * #12), and each address gets only its quota of mail (#11). A real H2 database; the background work is held in a
 * list the test runs when it chooses.
 */
class PasswordResetsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final List<Runnable> queued = new ArrayList<>();
    private final List<String> mailedTo = new ArrayList<>();
    private final AtomicBoolean quotaLeft = new AtomicBoolean(true);
    private Database database;
    private PasswordResets resets;

    @BeforeEach
    void open(@TempDir Path dir) {
        database = Database.open(AppConfig.forDevelopment(dir));
        UserRepository users = new UserRepository(database.jdbi());
        users.insert("carol", "carol@example.com", "not-a-real-hash", false, false, List.of(), clock.instant());
        Outbox outbox = new Outbox() {
            @Override
            public void send(String to, String subject, String body) {
                mailedTo.add(to);
            }

            @Override
            public List<OutboxMail> newest(int limit) {
                return List.of();
            }

            @Override
            public void forget(String recipient) {
            }
        };
        RefreshTokens refreshTokens = new RefreshTokens(database.jdbi(), clock, Duration.ofDays(1),
                new TokenInvalidations(database.jdbi(), clock, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        resets = new PasswordResets(database.jdbi(), users, new PasswordHasher(), refreshTokens, outbox, queued::add,
                email -> quotaLeft.get(), password -> false, clock,
                new Sessions(database.jdbi(), clock, Duration.ofMinutes(30), Duration.ofHours(12), false));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long storedTokens() {
        return database.jdbi().withHandle(h -> h.createQuery("select count(*) from password_resets")
                .mapTo(Long.class).one());
    }

    @Test
    void aKnownEmailIsAnsweredBeforeItsTokenIsStoredOrMailed() {
        var requested = resets.request("Carol@Example.com");

        assertInstanceOf(PasswordResets.Requested.MailQueued.class, requested);
        assertEquals(0, storedTokens(), "nothing written on the request thread");
        assertEquals(List.of(), mailedTo);

        queued.forEach(Runnable::run);
        assertEquals(1, storedTokens());
        assertEquals(List.of("carol@example.com"), mailedTo);
    }

    @Test
    void anUnknownEmailQueuesNothing() {
        assertInstanceOf(PasswordResets.Requested.UnknownEmail.class, resets.request("nobody@example.com"));
        assertTrue(queued.isEmpty());
    }

    @Test
    void anAddressWhoseMailQuotaIsSpentGetsNoMail() {
        quotaLeft.set(false);

        var requested = resets.request("carol@example.com");

        assertInstanceOf(PasswordResets.Requested.MailLimitReached.class, requested);
        assertTrue(queued.isEmpty());
        assertEquals(0, storedTokens());
    }
}
