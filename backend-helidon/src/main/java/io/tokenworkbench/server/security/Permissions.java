package io.tokenworkbench.server.security;

import io.tokenworkbench.server.http.ApiException;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Roles, the permissions they expand to, and scope arithmetic. A {@code *} suffix is a wildcard over a resource's
 * actions ({@code posts:*} grants {@code posts:write}).
 */
public final class Permissions {

    private static final List<String> USER = List.of("posts:read", "posts:write", "profile:read");

    /** The contract's role table. */
    public static final Map<String, List<String>> BY_ROLE = Map.of(
            "user", USER,
            "editor", concat(USER, "products:write"),
            "moderator", concat(USER, "reports:read"),
            "admin", List.of("posts:*", "products:*", "reports:read", "users:read", "users:write", "users:delete",
                    "admin:read", "stats:read", "audit:read"));

    /** Every permission the API knows, as published in the discovery document. */
    public static final List<String> ALL = List.of("posts:read", "posts:write", "profile:read", "products:write",
            "reports:read", "users:read", "users:write", "users:delete", "admin:read", "stats:read", "audit:read");

    private Permissions() {
    }

    /** The permissions the roles grant, wildcards kept as they are, in a stable order. */
    public static Set<String> ofRoles(Collection<String> roles) {
        Set<String> permissions = new LinkedHashSet<>();
        for (String role : roles) {
            permissions.addAll(BY_ROLE.getOrDefault(role, List.of()));
        }
        return permissions;
    }

    /** True when {@code granted} covers {@code wanted}, directly or by a {@code resource:*} wildcard. */
    public static boolean covers(Collection<String> granted, String wanted) {
        if (granted.contains(wanted)) {
            return true;
        }
        int colon = wanted.indexOf(':');
        return colon > 0 && granted.contains(wanted.substring(0, colon) + ":*");
    }

    /** A space-separated scope as a set. */
    public static Set<String> parseScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static String formatScope(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    private static List<String> concat(List<String> base, String extra) {
        List<String> all = new java.util.ArrayList<>(base);
        all.add(extra);
        return List.copyOf(all);
    }

    /**
     * The scopes a token for a user of these roles carries: all their permissions, or the {@code requested} ones when
     * asked for, each of which they must hold (400 {@code invalid_scope} otherwise).
     */
    public static Set<String> narrow(List<String> roles, String requested) {
        Set<String> granted = ofRoles(roles);
        if (requested == null || requested.isBlank()) {
            return granted;
        }
        Set<String> wanted = parseScope(requested);
        for (String scope : wanted) {
            if (!covers(granted, scope)) {
                throw ApiException.oauth(400, "invalid_scope", "The user may not have the scope " + scope);
            }
        }
        return wanted;
    }
}
