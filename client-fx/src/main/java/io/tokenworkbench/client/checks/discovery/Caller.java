package io.tokenworkbench.client.checks.discovery;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.tokenworkbench.client.checks.discovery.OpenApiDocument.CredentialKind;
import io.tokenworkbench.client.checks.engine.CheckEngine.ObtainedIdentity;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;

import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an identity brings to a request, enough to read an OpenAPI security requirement against: the kind of
 * credential, and from a token its scopes ({@code scope} space-separated, or {@code scopes}/{@code scp} lists), roles
 * and staff flags. A token made bad on purpose counts as no credential; a cookie session holds rights the request
 * does not show.
 */
record Caller(Set<CredentialKind> kinds, Set<String> scopes, Set<String> roles, boolean staff, boolean superuser) {

    static final Caller ANONYMOUS = new Caller(Set.of(), Set.of(), Set.of(), false, false);

    boolean authenticated() {
        return !kinds.isEmpty();
    }

    /**
     * Whether its rights can be read from what it sends: a cookie session's are on the server only, so the
     * document cannot say whether it passes a role, level or scope.
     */
    boolean rightsKnown() {
        return !kinds.equals(Set.of(CredentialKind.COOKIE));
    }

    static Caller of(SuiteIdentity identity, ObtainedIdentity obtained) {
        boolean bad = identity instanceof SuiteIdentity.Derived
                || identity instanceof SuiteIdentity.Minted minted && minted.expiresInSeconds() <= 0
                || identity instanceof SuiteIdentity.Signed signed && signed.expiresIn() != null
                && signed.expiresIn() <= 0;
        if (bad || !(obtained instanceof ObtainedIdentity.Ready(var token))) {
            return ANONYMOUS;
        }
        return switch (identity) {
            case SuiteIdentity.ApiKey key -> holding(CredentialKind.API_KEY);
            case SuiteIdentity.Basic basic -> holding(CredentialKind.BASIC);
            default -> token.map(Caller::ofToken).orElse(holding(CredentialKind.COOKIE));
        };
    }

    private static Caller holding(CredentialKind kind) {
        return new Caller(Set.of(kind), Set.of(), Set.of(), false, false);
    }

    private static Caller ofToken(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            return new Caller(Set.of(CredentialKind.BEARER), scopes(claims), words(claims.getClaim("roles")),
                    Boolean.TRUE.equals(claims.getClaim("is_staff")),
                    Boolean.TRUE.equals(claims.getClaim("is_superuser")));
        } catch (ParseException e) {
            return new Caller(Set.of(CredentialKind.BEARER), Set.of(), Set.of(), false, false);
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        for (String name : List.of("scope", "scopes", "scp")) {
            Object value = claims.getClaim(name);
            if (value != null) {
                return words(value);
            }
        }
        return Set.of();
    }

    /** A space-separated string or a list, as a set of words. */
    private static Set<String> words(Object value) {
        return switch (value) {
            case null -> Set.of();
            case String text -> text.isBlank() ? Set.of() : Set.of(text.trim().split("\\s+"));
            case Collection<?> list -> list.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
            case Object[] array -> Arrays.stream(array).map(String::valueOf).collect(Collectors.toUnmodifiableSet());
            default -> Set.of(String.valueOf(value));
        };
    }

    /** Whether a scope grants {@code permission}, also through a wildcard such as {@code posts:*}. */
    boolean grants(String permission) {
        return scopes.stream().anyMatch(s -> s.equals(permission)
                || s.endsWith(":*") && permission.startsWith(s.substring(0, s.length() - 1)));
    }

    /** Whether the caller has every kind of credential the requirement asks for. */
    boolean fits(OpenApiDocument.Requirement requirement) {
        return requirement.schemes().keySet().stream().allMatch(scheme -> kinds.contains(scheme.kind()));
    }

    /** Whether the caller fits the requirement and holds every scope it names. */
    boolean satisfies(OpenApiDocument.Requirement requirement) {
        return fits(requirement) && requirement.schemes().entrySet().stream()
                .allMatch(e -> !e.getKey().scoped() || e.getValue().stream().allMatch(this::grants));
    }
}
