package io.tokenworkbench.server.user;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.security.Access;

/** Handlers of {@code /v1/users/me}, {@code /v1/users/{id}} and the admin listing. */
public final class UserRoutes {

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    public void me(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, users.me(Access.caller(request)));
    }

    public void get(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, users.get(Access.caller(request), PathParams.id(request, "id")));
    }

    public void delete(ServerRequest request, ServerResponse response) {
        users.delete(PathParams.id(request, "id"));
        response.status(Status.NO_CONTENT_204).send();
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, users.all());
    }
}
