package io.tokenworkbench.server.token;

import java.util.List;

/** Who an access token is issued to: the user facts its claims carry. Immutable. */
public record TokenSubject(long id, String username, List<String> roles, boolean staff, boolean superuser) {

    public TokenSubject {
        roles = List.copyOf(roles);
    }
}
