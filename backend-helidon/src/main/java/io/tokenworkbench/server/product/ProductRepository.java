package io.tokenworkbench.server.product;

import io.tokenworkbench.model.product.Product;
import io.tokenworkbench.server.db.Database;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Products and favourites in the database. Thread-safe. */
public final class ProductRepository {

    private static final RowMapper<Product> MAPPER = (rs, ctx) -> new Product(rs.getLong("id"), rs.getString("name"),
            rs.getBigDecimal("price").setScale(2).toPlainString(), rs.getTimestamp("created_at").toInstant());

    private final Jdbi jdbi;

    public ProductRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Product> all() {
        return jdbi.withHandle(h -> h.createQuery("select * from products order by id").map(MAPPER).list());
    }

    public boolean exists(long id) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from products where id = :id").bind("id", id)
                .mapTo(Long.class).one() > 0);
    }

    public Product insert(String name, BigDecimal price, Instant now) {
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "insert into products (name, price, created_at) values (:name, :price, :now)")
                .bind("name", name).bind("price", price).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Product(id, name, price.setScale(2).toPlainString(), now);
    }

    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from products where id = :id").bind("id", id).execute()) > 0;
    }

    public List<Product> favoritesOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select p.* from products p join favorites f on f.product_id = p.id
                        where f.user_id = :user order by p.id""")
                .bind("user", userId).map(MAPPER).list());
    }

    /** Idempotent: adding a favourite twice, even at the same moment, is the same as once. */
    public void addFavorite(long userId, long productId) {
        try {
            jdbi.useHandle(h -> h.createUpdate("insert into favorites (user_id, product_id) values (:u, :p)")
                    .bind("u", userId).bind("p", productId).execute());
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    public void removeFavorite(long userId, long productId) {
        jdbi.useHandle(h -> h.createUpdate("delete from favorites where user_id = :u and product_id = :p")
                .bind("u", userId).bind("p", productId).execute());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from products").mapTo(Long.class).one());
    }
}
