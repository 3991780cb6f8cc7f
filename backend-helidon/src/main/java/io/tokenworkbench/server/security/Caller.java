package io.tokenworkbench.server.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as a verified access token says, or a cookie session (with all its user's permissions). Immutable.
 *
 * @param userId      the {@code sub} claim as a number
 * @param username    the {@code username} claim
 * @param roles       the {@code roles} claim
 * @param scopes      the {@code scope} claim, split
 * @param staff       {@code is_staff}
 * @param superuser   {@code is_superuser}
 * @param tokenId     the {@code jti} claim
 * @param expiresAt   the {@code exp} claim
 * @param session     the hash of the cookie session that authenticated the request; null for a bearer token
 */
public record Caller(long userId, String username, List<String> roles, Set<String> scopes, boolean staff,
                     boolean superuser, String tokenId, Instant expiresAt, String session) {

    public Caller {
        roles = List.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** Authenticated by a cookie session rather than a bearer token. */
    public boolean bySession() {
        return session != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole("admin");
    }

    /** Staff level: {@code is_staff} or {@code is_superuser}. */
    public boolean isStaffLevel() {
        return staff || superuser;
    }

    public boolean hasScope(String scope) {
        return Permissions.covers(scopes, scope);
    }

    /** The token's scope was narrowed: it lacks a permission the user's roles grant. */
    public boolean narrowed() {
        return !Permissions.ofRoles(roles).stream().allMatch(this::hasScope);
    }

    /** The roles grant this permission (whatever the token was narrowed to). */
    public boolean rolesGrant(String permission) {
        return Permissions.covers(Permissions.ofRoles(roles), permission);
    }
}
