package io.tokenworkbench.server.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.Gate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gates of the access table: each is a {@link Gate} registered first on its route's line, so the whole table
 * reads in {@code ApiRoutes}. A gate verifies the request's bearer token (or, when it carries none, its session
 * cookie, whose unsafe requests must also carry the session's CSRF token), checks the level, role, permission or scope, puts the {@link Caller} into the request context and
 * passes on; otherwise it throws the {@link ApiException} whose problem body and {@code WWW-Authenticate} the
 * contract's failure table prescribes (RFC 6750). Thread-safe.
 */
public final class Access {

    private static final String REALM = "Bearer realm=\"api\"";

    private static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE);

    private final int missingTokenStatus;
    private final TokenVerification.Verifier tokens;
    private final SessionVerifier sessions;

    /**
     * @param missingTokenStatus 401 (RFC 6750), or 403 as FastAPI's HTTPBearer answers a missing token
     * @param tokens             what verifies the bearer tokens
     * @param sessions           what verifies cookie sessions, which every gate accepts as it accepts a token
     */
    public Access(int missingTokenStatus, TokenVerification.Verifier tokens, SessionVerifier sessions) {
        this.missingTokenStatus = missingTokenStatus;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** Any valid access token. */
    public Gate authenticated() {
        return gate("authenticated", caller -> { });
    }

    /**
     * {@code is_staff} or {@code is_superuser}.
     *
     * @param implied the permission the route exercises: a token narrowed by scope must still carry it
     */
    public Gate staff(String implied) {
        return gate("staff", caller -> {
            if (!caller.isStaffLevel()) {
                throw ApiException.forbidden("Staff only");
            }
            requireScopesIfNarrowed(caller, implied);
        });
    }

    /**
     * {@code is_superuser}.
     *
     * @param implied the permission the route exercises: a token narrowed by scope must still carry it
     */
    public Gate superuser(String implied) {
        return gate("superuser", caller -> {
            if (!caller.superuser()) {
                throw ApiException.forbidden("Superusers only");
            }
            requireScopesIfNarrowed(caller, implied);
        });
    }

    /**
     * One of the roles.
     *
     * @param implied the permission the route exercises: a token narrowed by scope must still carry it
     */
    public Gate role(String implied, String... anyOf) {
        List<String> roles = List.of(anyOf);
        return gate("authenticated", caller -> {
            if (roles.stream().noneMatch(caller::hasRole)) {
                throw ApiException.forbidden("Requires the role " + String.join(" or ", roles));
            }
            requireScopesIfNarrowed(caller, implied);
        });
    }

    /**
     * A permission: the caller's roles must grant it (else a plain 403), and the token's scope must still carry it
     * (else 403 {@code insufficient_scope}, when the token was narrowed).
     */
    public Gate permission(String permission) {
        return gate("authenticated", caller -> {
            if (!caller.rolesGrant(permission)) {
                throw ApiException.forbidden("Requires the permission " + permission);
            }
            requireScopes(caller, List.of(permission));
        });
    }

    /** Every one of the scopes in the token's {@code scope}. */
    public Gate scopes(String... allOf) {
        List<String> scopes = List.of(allOf);
        return gate("authenticated", caller -> requireScopes(caller, scopes));
    }

    /** The verified caller a gate put into the request context. */
    public static Caller caller(ServerRequest request) {
        return request.context().get(Caller.class)
                .orElseThrow(() -> new IllegalStateException("No gate authenticated this route"));
    }

    /**
     * On a public route: the caller when a valid token came along, otherwise empty (an invalid token on a public
     * route is treated as no token, since the route asks for none).
     */
    public Optional<Caller> optionalCaller(ServerRequest request) {
        Optional<Caller> known = request.context().get(Caller.class);
        if (known.isPresent()) {
            return known;
        }
        return authenticate(request) instanceof TokenVerification.Valid(Caller caller)
                ? Optional.of(caller) : Optional.empty();
    }

    private Gate gate(String level, Requirement requirement) {
        return Gate.of(level, (request, response) -> {
            Caller caller = requireCaller(request);
            request.context().register(caller);
            requirement.check(caller);
            response.next();
        });
    }

    private Caller requireCaller(ServerRequest request) {
        String bearer = bearerToken(request);
        if (bearer != null) {
            return switch (verifyBearer(bearer)) {
                case TokenVerification.Valid(Caller caller) -> caller;
                case TokenVerification.Rejected(String description) -> throw ApiException.unauthorized(description,
                        REALM + ", error=\"invalid_token\", error_description=\"" + quote(description) + "\"");
            };
        }
        String session = sessionId(request);
        if (session == null) {
            throw missingCredentials();
        }
        return switch (sessions.verify(session)) {
            case TokenVerification.Valid(Caller caller) -> {
                if (!SAFE.contains(request.prologue().method()) && !sessions.csrfMatches(session,
                        request.headers().first(CSRF_HEADER).orElse(null))) {
                    throw ApiException.forbidden("This request is authenticated by a session cookie: an unsafe "
                            + "method needs the session's CSRF token in X-CSRF-Token");
                }
                yield caller;
            }
            case TokenVerification.Rejected(String description) -> throw ApiException.unauthorized(description, REALM);
        };
    }

    private ApiException missingCredentials() {
        String detail = "This endpoint needs a bearer access token";
        return missingTokenStatus == 403
                ? ApiException.forbidden(detail)
                : ApiException.unauthorized(detail, REALM);
    }

    /**
     * The verdict on the request's credentials, or null when it carries none: its bearer token (RFC 6750 §2.1) when
     * it has one, whatever cookies come along, else its session cookie. Verified here rather than through
     * helidon-security's authentication client: that built a security environment, a subject, a principal and an
     * audit event (walking the stack) on every request, a third of an authenticated request's cost once verified
     * tokens are remembered; nothing here reads them.
     */
    private TokenVerification authenticate(ServerRequest request) {
        String bearer = bearerToken(request);
        if (bearer != null) {
            return verifyBearer(bearer);
        }
        String session = sessionId(request);
        return session == null ? null : sessions.verify(session);
    }

    private TokenVerification verifyBearer(String token) {
        return token.isEmpty() ? new TokenVerification.Rejected("The bearer token is empty") : tokens.verify(token);
    }

    /** The bearer token (empty when the header has none after the scheme), or null without a Bearer header. */
    private static String bearerToken(ServerRequest request) {
        String authorization = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer", 0, 6)
                || authorization.length() > 6 && authorization.charAt(6) != ' ') {
            return null;
        }
        return authorization.substring(6).strip();
    }

    private String sessionId(ServerRequest request) {
        return request.headers().cookies().first(sessions.cookieName()).filter(id -> !id.isBlank()).orElse(null);
    }

    /**
     * A token narrowed at the token endpoint is narrowed everywhere: a level or role does not lift it past its scope.
     * A token carrying all its user's permissions passes on the level or role alone, as the contract's table says.
     */
    private static void requireScopesIfNarrowed(Caller caller, String implied) {
        if (caller.narrowed()) {
            requireScopes(caller, List.of(implied));
        }
    }

    private static void requireScopes(Caller caller, List<String> scopes) {
        List<String> missing = scopes.stream().filter(scope -> !caller.hasScope(scope)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.forbidden("The token's scope lacks " + String.join(" ", missing),
                    REALM + ", error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\"");
        }
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @FunctionalInterface
    private interface Requirement {
        void check(Caller caller);
    }
}
