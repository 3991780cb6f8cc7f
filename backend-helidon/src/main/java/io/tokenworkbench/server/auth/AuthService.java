package io.tokenworkbench.server.auth;

import io.tokenworkbench.model.auth.RegisterRequest;
import io.tokenworkbench.model.auth.TokenRequest;
import io.tokenworkbench.model.auth.TokenResponse;
import io.tokenworkbench.model.user.User;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.db.Database;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.security.Caller;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.security.Permissions;
import io.tokenworkbench.server.token.RefreshTokens;
import io.tokenworkbench.server.token.TokenInvalidations;
import io.tokenworkbench.server.token.TokenIssuer;
import io.tokenworkbench.server.totp.SecondFactor;
import io.tokenworkbench.server.totp.TotpService;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Registration, the token endpoint's grants, and logout. Thread-safe. */
public final class AuthService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_PASSWORD_LENGTH = 1024;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final TokenInvalidations invalidations;
    private final Predicate<String> weakPassword;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final AuthorizationCodes codes;
    private final OAuthClients clients;
    private final SecondFactor secondFactor;
    /** What a login by password is told when the account also needs its TOTP code. */
    static final String TOTP_REQUIRED = "This account uses two-factor authentication: enter the current code from "
            + "its authenticator app too";
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /**
     * @param weakPassword decides whether a password (already at least 12 characters) is too common to accept
     */
    public AuthService(UserRepository users, PasswordHasher hasher, TokenIssuer issuer, RefreshTokens refreshTokens,
                       TokenInvalidations invalidations, Predicate<String> weakPassword, AuditLog audit,
                       LoginThrottle throttle, Clock clock, AuthorizationCodes codes, OAuthClients clients,
                       SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.codes = codes;
        this.clients = clients;
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.invalidations = invalidations;
        this.weakPassword = weakPassword;
        this.audit = audit;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Registers a plain user; privileges a client sends along are ignored. */
    public User register(RegisterRequest request) {
        String username = request.username() == null ? "" : request.username().strip();
        String email = request.email() == null ? "" : request.email().strip();
        String password = request.password() == null ? "" : request.password();
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("username must be 3 to 64 letters, digits, '_', '.' or '-'");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("email is not a valid address");
        }
        if (password.length() < 12) {
            throw ApiException.badRequest("The password is too weak: use at least 12 characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.badRequest("The password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (weakPassword.test(password)) {
            throw ApiException.badRequest("The password is too weak: it is among the most common passwords");
        }
        String hash = hasher.hash(password);
        try {
            return users.insert(username, email, hash, false, false, List.of("user"), clock.instant()).toUser();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw ApiException.conflict("That username or email is already registered");
            }
            throw e;
        }
    }

    /** The token endpoint: {@code password} and {@code refresh_token} grants. */
    public TokenResponse token(TokenRequest request, String clientIp) {
        String grant = request.grantType();
        if (grant == null || grant.isBlank()) {
            throw ApiException.oauth(400, "invalid_request", "grant_type is required");
        }
        return switch (grant) {
            case "password" -> passwordGrant(request, clientIp);
            case "refresh_token" -> refreshGrant(request, clientIp);
            case "authorization_code" -> codeGrant(request, clientIp);
            default -> throw ApiException.oauth(400, "unsupported_grant_type",
                    "Supported grant types: password, refresh_token, authorization_code");
        };
    }

    private TokenResponse passwordGrant(TokenRequest request, String clientIp) {
        if (isBlank(request.username()) || request.password() == null || request.password().isEmpty()) {
            throw ApiException.oauth(400, "invalid_request", "username and password are required");
        }
        UserAccount user = authenticate(request.username(), request.password(), clientIp, "password grant");
        return pair(user, Permissions.narrow(user.roles(), request.scope()));
    }

    /**
     * Checks a username and password as every login does (throttled per user, the same hash work for unknown
     * users, audited): the account, or 401 {@code invalid_grant}.
     */
    UserAccount authenticate(String rawUsername, String password, String clientIp, String how) {
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.oauth(401, "invalid_grant", "Invalid username or password");
        }
        String username = rawUsername.strip();
        throttle.refuseIfUserLockedOut(username);
        UserAccount user = users.byUsername(username).orElse(null);
        boolean matches = hasher.verifyOrBurn(password, user == null ? null : user.passwordHash());
        if (user == null || !matches || !user.active()) {
            audit.record(AuditLog.Event.LOGIN, false, user == null ? null : user.id(), username,
                    clientIp, user == null ? "unknown username" : "wrong password or inactive account");
            throttle.recordUserFailure(username, clientIp);
            throw ApiException.oauth(401, "invalid_grant", "Invalid username or password");
        }
        audit.record(AuditLog.Event.LOGIN, true, user.id(), user.username(), clientIp, how);
        return user;
    }

    /**
     * An interactive login (the browser login's form, a cookie session): the password as {@link #authenticate}
     * checks it and, when the account has TOTP, its current code, counted towards the TOTP lockouts.
     */
    UserAccount authenticateWithSecondFactor(String username, String password, String totpCode, String clientIp,
                                             String how) {
        UserAccount user = authenticate(username, password, clientIp, how);
        if (!secondFactor.required(user.id())) {
            return user;
        }
        String code = isBlank(totpCode) ? null : totpCode.strip();
        if (secondFactor.check(user.id(), user.username(), code, clientIp) != TotpService.Check.ACCEPTED) {
            audit.record(AuditLog.Event.LOGIN, false, user.id(), user.username(), clientIp,
                    code == null ? how + ": no TOTP code" : how + ": wrong TOTP code");
            throw ApiException.oauth(401, "invalid_grant", code == null ? TOTP_REQUIRED
                    : "The two-factor code is wrong or was already used");
        }
        return user;
    }

    /**
     * The authorization code grant (RFC 6749 §4.1.3) with PKCE (RFC 7636 §4.6): the code once, from the client and
     * redirect URI it was issued to, with the verifier of its challenge. A code presented a second time ends the
     * tokens issued with it (RFC 6749 §4.1.2).
     */
    private TokenResponse codeGrant(TokenRequest request, String clientIp) {
        if (isBlank(request.code()) || isBlank(request.redirectUri()) || isBlank(request.clientId())
                || isBlank(request.codeVerifier())) {
            throw ApiException.oauth(400, "invalid_request",
                    "code, redirect_uri, client_id and code_verifier are required");
        }
        if (!clients.known(request.clientId())) {
            throw ApiException.oauth(401, "invalid_client", "Unknown client");
        }
        if (!CODE_VERIFIER.matcher(request.codeVerifier()).matches()) {
            throw ApiException.oauth(400, "invalid_request",
                    "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)");
        }
        java.time.Instant now = clock.instant();
        AuthorizationCodes.Code code = codes.spend(request.code(), now).orElseThrow(() ->
                ApiException.oauth(400, "invalid_grant", "The authorization code is not valid"));
        if (code.usedAt() != null) {
            if (code.familyId() != null) {
                refreshTokens.revokeFamily(code.familyId());
            }
            audit.record(AuditLog.Event.REFRESH_REUSE, false, code.userId(), null, clientIp,
                    "authorization code presented again; the tokens issued with it are revoked");
            throw ApiException.oauth(400, "invalid_grant",
                    "The authorization code was already used; the tokens issued with it are revoked");
        }
        if (!now.isBefore(code.expiresAt())) {
            throw ApiException.oauth(400, "invalid_grant", "The authorization code has expired");
        }
        if (!code.clientId().equals(request.clientId()) || !code.redirectUri().equals(request.redirectUri())) {
            throw ApiException.oauth(400, "invalid_grant",
                    "The authorization code was issued to another client or redirect URI");
        }
        if (!BrowserLogin.challengeOf(request.codeVerifier()).equals(code.codeChallenge())) {
            throw ApiException.oauth(400, "invalid_grant", "The code_verifier does not match the code_challenge");
        }
        UserAccount user = users.byId(code.userId()).filter(UserAccount::active).orElseThrow(() ->
                ApiException.oauth(400, "invalid_grant", "The user is no longer active"));
        TokenResponse tokens = pair(user, Permissions.narrow(user.roles(), code.scope()));
        refreshTokens.familyOf(tokens.refreshToken(), user.id())
                .ifPresent(family -> codes.rememberFamily(request.code(), family));
        audit.record(AuditLog.Event.LOGIN, true, user.id(), user.username(), clientIp, "authorization code");
        return tokens;
    }

    private TokenResponse refreshGrant(TokenRequest request, String clientIp) {
        if (isBlank(request.refreshToken())) {
            throw ApiException.oauth(400, "invalid_request", "refresh_token is required");
        }
        RefreshTokens.Spend<NewPair> spent = refreshTokens.rotate(request.refreshToken().strip(), (userId, scope) -> {
            UserAccount user = users.byId(userId).filter(UserAccount::active)
                    .orElseThrow(() -> ApiException.oauth(401, "invalid_grant", "The user is no longer active"));
            // The new pair keeps the narrowed scope, minus whatever the user's roles no longer grant.
            Set<String> rolePermissions = Permissions.ofRoles(user.roles());
            Set<String> stillGranted = new LinkedHashSet<>();
            Permissions.parseScope(scope).stream().filter(s -> Permissions.covers(rolePermissions, s))
                    .forEach(stillGranted::add);
            return new NewPair(user, issuer.issue(user.tokenSubject(), stillGranted), Permissions.formatScope(stillGranted));
        });
        return switch (spent) {
            case RefreshTokens.Spend.Rotated<NewPair> rotated -> {
                NewPair pair = rotated.successor();
                audit.record(AuditLog.Event.REFRESH, true, pair.user().id(), pair.user().username(), clientIp,
                        "rotated");
                yield new TokenResponse(pair.access().value(), "Bearer", pair.access().expiresIn(),
                        rotated.refreshToken(), pair.scope());
            }
            case RefreshTokens.Spend.Reused<NewPair> reused -> {
                audit.record(AuditLog.Event.REFRESH_REUSE, false, reused.userId(), null, clientIp,
                        "spent refresh token presented again; family revoked");
                throw ApiException.oauth(401, "invalid_grant",
                        "The refresh token was already used; its whole family is revoked");
            }
            case RefreshTokens.Spend.Invalid<NewPair>(String reason) -> {
                audit.record(AuditLog.Event.REFRESH, false, null, null, clientIp, reason);
                throw ApiException.oauth(401, "invalid_grant", reason);
            }
        };
    }

    /** A rotation's new pair, issued inside the rotation's transaction. */
    private record NewPair(UserAccount user, TokenIssuer.IssuedToken access, String scope)
            implements RefreshTokens.Successor {
        @Override
        public String accessJti() {
            return access.jti();
        }

        @Override
        public java.time.Instant accessExpiresAt() {
            return access.expiresAt();
        }
    }

    /** Revokes this access token's {@code jti} and, given its refresh token, the whole family. */
    public void logout(Caller caller, String refreshToken, String clientIp) {
        if (!caller.bySession()) {
            invalidations.revokeToken(caller.tokenId(), caller.expiresAt());
        }
        audit.record(AuditLog.Event.LOGOUT, true, caller.userId(), caller.username(), clientIp,
                refreshToken == null || refreshToken.isBlank() ? "access token revoked" : "access token and refresh family revoked");
        if (!isBlank(refreshToken)) {
            refreshTokens.familyOf(refreshToken.strip(), caller.userId()).ifPresent(refreshTokens::revokeFamily);
        }
    }

    private TokenResponse pair(UserAccount user, Set<String> scopes) {
        NewPair pair = new NewPair(user, issuer.issue(user.tokenSubject(), scopes), Permissions.formatScope(scopes));
        String refresh = refreshTokens.issue(user.id(), pair);
        return new TokenResponse(pair.access().value(), "Bearer", pair.access().expiresIn(), refresh, pair.scope());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
