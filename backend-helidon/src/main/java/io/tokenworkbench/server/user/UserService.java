package io.tokenworkbench.server.user;

import io.tokenworkbench.model.user.User;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.TokenInvalidations;
import io.tokenworkbench.server.token.TokenSubject;

import java.util.List;
import java.util.Optional;

/** Profiles: who may read which, and what deleting a user ends. */
public final class UserService {

    private final UserRepository users;
    private final TokenInvalidations invalidations;
    private final RefreshTokens refreshTokens;

    public UserService(UserRepository users, TokenInvalidations invalidations, RefreshTokens refreshTokens) {
        this.users = users;
        this.invalidations = invalidations;
        this.refreshTokens = refreshTokens;
    }

    public User me(Caller caller) {
        return users.byId(caller.userId())
                .orElseThrow(() -> ApiException.notFound("Your account no longer exists")).toUser();
    }

    /** Self or staff; anyone else 403 (even for ids that do not exist, so ids cannot be probed). */
    public User get(Caller caller, long id) {
        if (caller.userId() != id && !caller.isStaffLevel()) {
            throw ApiException.forbidden("You may only read your own profile");
        }
        return users.byId(id).orElseThrow(() -> ApiException.notFound("No user " + id)).toUser();
    }

    /**
     * Deletes a user: their refresh tokens go first (so none can be spent in between), then the account, then
     * their access tokens stop working on the next request, on every instance.
     */
    public void delete(long id) {
        refreshTokens.revokeAllOf(id);
        if (!users.delete(id)) {
            throw ApiException.notFound("No user " + id);
        }
        invalidations.blockUser(id);
    }

    /** What a token for this user would say of them, if there is such a user. */
    public Optional<TokenSubject> tokenSubject(String username) {
        return users.byUsername(username).map(UserAccount::tokenSubject);
    }

    public List<User> all() {
        return users.all().stream().map(UserAccount::toUser).toList();
    }

    public long count() {
        return users.count();
    }

    public long countActive() {
        return users.countActive();
    }
}
