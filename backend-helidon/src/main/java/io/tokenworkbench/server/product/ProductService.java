package io.tokenworkbench.server.product;

import io.tokenworkbench.model.product.Product;
import io.tokenworkbench.model.product.ProductRequest;
import io.tokenworkbench.server.http.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/** The product catalogue and each user's favourites: validation and the rules; SQL is the repository's. */
public final class ProductService {

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final ProductRepository products;
    private final Clock clock;

    public ProductService(ProductRepository products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    public List<Product> all() {
        return products.all();
    }

    public List<Product> favoritesOf(long userId) {
        return products.favoritesOf(userId);
    }

    /** Idempotent; 404 for a product that does not exist. */
    public void addFavorite(long userId, long productId) {
        products.addFavorite(userId, existing(productId));
    }

    /** Idempotent; 404 for a product that does not exist. */
    public void removeFavorite(long userId, long productId) {
        products.removeFavorite(userId, existing(productId));
    }

    public Product create(ProductRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name is required (at most 200 characters)");
        }
        return products.insert(request.name().strip(), price(request.price()), clock.instant());
    }

    public void delete(long id) {
        if (!products.delete(id)) {
            throw ApiException.notFound("No product " + id);
        }
    }

    public long count() {
        return products.count();
    }

    private long existing(long id) {
        if (!products.exists(id)) {
            throw ApiException.notFound("No product " + id);
        }
        return id;
    }

    private static BigDecimal price(String text) {
        if (text == null || !text.strip().matches("\\d{1,10}(\\.\\d{1,2})?")) {
            throw ApiException.badRequest("price must be a decimal string such as \"19.99\"");
        }
        BigDecimal price = new BigDecimal(text.strip());
        if (price.compareTo(MAX_PRICE) > 0) {
            throw ApiException.badRequest("price is too large");
        }
        return price;
    }
}
