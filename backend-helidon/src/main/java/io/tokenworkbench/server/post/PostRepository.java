package io.tokenworkbench.server.post;

import io.tokenworkbench.model.post.Post;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Posts in the database. Thread-safe. */
public final class PostRepository {

    private static final RowMapper<Post> MAPPER = (rs, ctx) -> new Post(rs.getLong("id"), rs.getLong("owner_id"),
            rs.getString("title"), rs.getString("content"), rs.getBoolean("published"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final Jdbi jdbi;

    public PostRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Post> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("select * from posts where id = :id").bind("id", id)
                .map(MAPPER).findOne());
    }

    /** Published posts plus the viewer's own drafts (all drafts for admins), optionally of one owner. */
    public List<Post> visible(Long viewerId, boolean admin, Long ownerId, int limit, long offset) {
        return jdbi.withHandle(h -> h.createQuery("select * from posts where " + visibility(ownerId)
                        + " order by id desc limit :limit offset :offset")
                .bind("viewer", viewerId == null ? -1L : viewerId).bind("admin", admin)
                .bind("owner", ownerId == null ? -1L : ownerId).bind("limit", limit).bind("offset", offset)
                .map(MAPPER).list());
    }

    public long countVisible(Long viewerId, boolean admin, Long ownerId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from posts where " + visibility(ownerId))
                .bind("viewer", viewerId == null ? -1L : viewerId).bind("admin", admin)
                .bind("owner", ownerId == null ? -1L : ownerId).mapTo(Long.class).one());
    }

    private static String visibility(Long ownerId) {
        return "(published = true or owner_id = :viewer or :admin = true)"
                + (ownerId == null ? " and :owner = :owner" : " and owner_id = :owner");
    }

    public Post insert(long ownerId, String title, String content, boolean published, Instant now) {
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        insert into posts (owner_id, title, content, published, created_at, updated_at)
                        values (:owner, :title, :content, :published, :now, :now)""")
                .bind("owner", ownerId).bind("title", title).bind("content", content).bind("published", published)
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Post(id, ownerId, title, content, published, now, now);
    }

    public Post update(Post post, String title, String content, boolean published, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update posts set title = :title, content = :content, published = :published, updated_at = :now
                        where id = :id""")
                .bind("title", title).bind("content", content).bind("published", published).bind("now", now)
                .bind("id", post.id()).execute());
        return new Post(post.id(), post.ownerId(), title, content, published, post.createdAt(), now);
    }

    public void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("delete from posts where id = :id").bind("id", id).execute());
    }

    public long count(boolean publishedOnly) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from posts"
                + (publishedOnly ? " where published = true" : "")).mapTo(Long.class).one());
    }
}
