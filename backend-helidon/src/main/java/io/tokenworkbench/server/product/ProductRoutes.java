package io.tokenworkbench.server.product;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.product.ProductRequest;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.security.Access;

import java.math.BigDecimal;
import java.time.Clock;

/** Handlers of {@code /v1/products…}. */
public final class ProductRoutes {

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final ProductRepository products;
    private final Clock clock;

    public ProductRoutes(ProductRepository products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, products.all());
    }

    public void favorites(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, products.favoritesOf(Access.caller(request).userId()));
    }

    public void addFavorite(ServerRequest request, ServerResponse response) {
        long id = existing(request);
        products.addFavorite(Access.caller(request).userId(), id);
        response.status(Status.NO_CONTENT_204).send();
    }

    public void removeFavorite(ServerRequest request, ServerResponse response) {
        long id = existing(request);
        products.removeFavorite(Access.caller(request).userId(), id);
        response.status(Status.NO_CONTENT_204).send();
    }

    public void create(ServerRequest request, ServerResponse response) {
        ProductRequest body = JsonBodies.read(request, ProductRequest.class);
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ApiException.badRequest("name is required (at most 200 characters)");
        }
        JsonBodies.send(response, Status.CREATED_201, products.insert(body.name().strip(), price(body.price()),
                clock.instant()));
    }

    public void delete(ServerRequest request, ServerResponse response) {
        long id = PathParams.id(request, "id");
        if (!products.delete(id)) {
            throw ApiException.notFound("No product " + id);
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    private long existing(ServerRequest request) {
        long id = PathParams.id(request, "id");
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
