package io.tokenworkbench.server.product;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.product.ProductRequest;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.security.Access;

/** Handlers of {@code /v1/products…}. */
public final class ProductRoutes {

    private final ProductService products;

    public ProductRoutes(ProductService products) {
        this.products = products;
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, products.all());
    }

    public void favorites(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, products.favoritesOf(Access.caller(request).userId()));
    }

    public void addFavorite(ServerRequest request, ServerResponse response) {
        products.addFavorite(Access.caller(request).userId(), PathParams.id(request, "id"));
        response.status(Status.NO_CONTENT_204).send();
    }

    public void removeFavorite(ServerRequest request, ServerResponse response) {
        products.removeFavorite(Access.caller(request).userId(), PathParams.id(request, "id"));
        response.status(Status.NO_CONTENT_204).send();
    }

    public void create(ServerRequest request, ServerResponse response) {
        JsonBodies.send(response, Status.CREATED_201, products.create(JsonBodies.read(request, ProductRequest.class)));
    }

    public void delete(ServerRequest request, ServerResponse response) {
        products.delete(PathParams.id(request, "id"));
        response.status(Status.NO_CONTENT_204).send();
    }
}
