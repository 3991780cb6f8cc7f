package io.tokenworkbench.server.user;

import io.tokenworkbench.model.user.User;
import io.tokenworkbench.server.token.TokenSubject;

import java.time.Instant;
import java.util.List;

/** A stored user, password hash included: never sent as it is. Immutable. */
public record UserAccount(long id, String username, String email, String passwordHash, boolean active, boolean staff,
                          boolean superuser, List<String> roles, Instant createdAt) {

    public UserAccount {
        roles = List.copyOf(roles);
    }

    /** What an access token issued to this user says of them. */
    public TokenSubject tokenSubject() {
        return new TokenSubject(id, username, roles, staff, superuser);
    }

    /** The API's view: no password hash. */
    public User toUser() {
        return new User(id, username, email, active, staff, superuser, roles, createdAt);
    }

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + "]";
    }
}
