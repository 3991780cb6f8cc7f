package io.tokenworkbench.server.user;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users in the database. Thread-safe. */
public final class UserRepository {

    /** A row of {@code users} (also its columns within a join). */
    public static final RowMapper<UserAccount> MAPPER = (rs, ctx) -> new UserAccount(
            rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getString("password_hash"),
            rs.getBoolean("is_active"), rs.getBoolean("is_staff"), rs.getBoolean("is_superuser"),
            Arrays.stream(rs.getString("roles").split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList(),
            rs.getTimestamp("created_at").toInstant());

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<UserAccount> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("select * from users where id = :id").bind("id", id)
                .map(MAPPER).findOne());
    }

    /** The user with this username, whatever its case ({@code Alice} is {@code alice}). */
    public Optional<UserAccount> byUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("select * from users where username_key = :u")
                .bind("u", key(username)).map(MAPPER).findOne());
    }

    /** The user with this email, whatever its case. */
    public Optional<UserAccount> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("select * from users where email = :e").bind("e", key(email))
                .map(MAPPER).findOne());
    }

    /** How usernames and emails are compared: case-insensitively. */
    public static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    public List<UserAccount> all() {
        return jdbi.withHandle(h -> h.createQuery("select * from users order by id").map(MAPPER).list());
    }

    /**
     * Inserts a user (the email normalised to lower case); returns it with its new id. A username or email taken
     * already, in any case, is refused by the database's unique constraints: the insert throws and
     * {@link io.tokenworkbench.server.db.Database#isUniqueViolation} says why.
     */
    public UserAccount insert(String username, String email, String passwordHash, boolean staff, boolean superuser,
                              List<String> roles, Instant now) {
        String normalisedEmail = key(email);
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        insert into users (username, username_key, email, password_hash, is_active, is_staff,
                                           is_superuser, roles, created_at)
                        values (:u, :key, :e, :p, true, :staff, :su, :roles, :now)""")
                .bind("u", username).bind("key", key(username)).bind("e", normalisedEmail).bind("p", passwordHash)
                .bind("staff", staff).bind("su", superuser).bind("roles", String.join(",", roles)).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new UserAccount(id, username, normalisedEmail, passwordHash, true, staff, superuser, roles, now);
    }

    public void updatePasswordHash(long id, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("update users set password_hash = :p where id = :id")
                .bind("p", passwordHash).bind("id", id).execute());
    }

    /** Deletes the user and (by cascade) everything they own; false when there was no such user. */
    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from users where id = :id").bind("id", id).execute()) > 0;
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from users").mapTo(Long.class).one());
    }

    public long countActive() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from users where is_active = true")
                .mapTo(Long.class).one());
    }
}
