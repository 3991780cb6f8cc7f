package io.tokenworkbench.server.user;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.http.PathParams;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.TokenInvalidations;

/** Profiles: {@code /v1/users/me}, {@code /v1/users/{id}} and the admin listing. Ownership is decided here. */
public final class UserRoutes {

    private final UserRepository users;
    private final TokenInvalidations invalidations;
    private final RefreshTokens refreshTokens;

    public UserRoutes(UserRepository users, TokenInvalidations invalidations, RefreshTokens refreshTokens) {
        this.users = users;
        this.invalidations = invalidations;
        this.refreshTokens = refreshTokens;
    }

    public void me(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        JsonBodies.ok(response, users.byId(caller.userId())
                .orElseThrow(() -> ApiException.notFound("Your account no longer exists")).toUser());
    }

    /** Self or staff; anyone else 403 (even for ids that do not exist, so ids cannot be probed). */
    public void get(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        long id = PathParams.id(request, "id");
        if (caller.userId() != id && !caller.isStaffLevel()) {
            throw ApiException.forbidden("You may only read your own profile");
        }
        JsonBodies.ok(response, users.byId(id)
                .orElseThrow(() -> ApiException.notFound("No user " + id)).toUser());
    }

    /** Deletes a user; their access tokens stop working on the next request and their refresh tokens go too. */
    public void delete(ServerRequest request, ServerResponse response) {
        long id = PathParams.id(request, "id");
        refreshTokens.revokeAllOf(id);
        if (!users.delete(id)) {
            throw ApiException.notFound("No user " + id);
        }
        invalidations.blockUser(id);
        response.status(Status.NO_CONTENT_204).send();
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, users.all().stream().map(UserAccount::toUser).toList());
    }
}
