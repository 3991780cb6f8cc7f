package io.tokenworkbench.server.apikey;

import io.tokenworkbench.model.apikey.ApiKeyCreated;
import io.tokenworkbench.model.apikey.ApiKeySummary;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.OpaqueSecrets;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys: {@code twk_} + 256 random bits, shown once at creation and stored only as a SHA-256 hash (see
 * {@link OpaqueSecrets}); listed by name and a short prefix. Thread-safe.
 */
public final class ApiKeys {

    public static final String KEY_PREFIX = "twk_";
    private static final int MAX_KEYS_PER_USER = 50;

    private final Jdbi jdbi;
    private final Clock clock;

    public ApiKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The owner of a presented key. */
    public record KeyOwner(long keyId, long userId, String prefix) {
    }

    public ApiKeyCreated create(long userId, String name) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw ApiException.badRequest("name is required (at most 100 characters)");
        }
        String key = KEY_PREFIX + OpaqueSecrets.generate();
        String prefix = key.substring(0, KEY_PREFIX.length() + 6);
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            // Locking the user first makes concurrent creations count one after another, so none passes the limit.
            h.createQuery("select id from users where id = :user for update").bind("user", userId)
                    .mapTo(Long.class).findOne();
            long existing = h.createQuery("select count(*) from api_keys where user_id = :user")
                    .bind("user", userId).mapTo(Long.class).one();
            if (existing >= MAX_KEYS_PER_USER) {
                throw ApiException.badRequest("You have " + MAX_KEYS_PER_USER + " keys already; delete one first");
            }
            return h.createUpdate("""
                            insert into api_keys (user_id, name, prefix, key_hash, created_at)
                            values (:user, :name, :prefix, :hash, :now)""")
                    .bind("user", userId).bind("name", cleanName).bind("prefix", prefix)
                    .bind("hash", OpaqueSecrets.sha256(key)).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new ApiKeyCreated(id, cleanName, key, prefix, now);
    }

    public List<ApiKeySummary> list(long userId) {
        return jdbi.withHandle(h -> h.createQuery("select * from api_keys where user_id = :user order by id")
                .bind("user", userId)
                .map((rs, ctx) -> new ApiKeySummary(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
                .list());
    }

    /** Deletes one of the user's own keys; another's key or a missing one is a 404 (nothing to learn). */
    public void delete(long userId, long keyId) {
        int deleted = jdbi.withHandle(h -> h.createUpdate("delete from api_keys where id = :id and user_id = :user")
                .bind("id", keyId).bind("user", userId).execute());
        if (deleted == 0) {
            throw ApiException.notFound("No API key " + keyId);
        }
    }

    /** Who a presented key belongs to, if anyone; records its use. */
    public Optional<KeyOwner> authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<KeyOwner> owner = jdbi.withHandle(h -> h.createQuery(
                        "select id, user_id, prefix from api_keys where key_hash = :hash")
                .bind("hash", OpaqueSecrets.sha256(presented.strip()))
                .map((rs, ctx) -> new KeyOwner(rs.getLong("id"), rs.getLong("user_id"), rs.getString("prefix")))
                .findOne());
        owner.ifPresent(o -> jdbi.useHandle(h -> h.createUpdate("update api_keys set last_used_at = :now where id = :id")
                .bind("now", clock.instant()).bind("id", o.keyId()).execute()));
        return owner;
    }
}
