package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.forge.Forgery;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.Authorizations;
import io.tokenworkbench.client.http.CookieSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What obtaining an identity gave: how its requests prove who they are, or why they cannot. */
sealed interface Credential {

    /** The request as this identity sends it (its token, key or password added). */
    default ApiRequest authorize(ApiRequest request) {
        return request;
    }

    /** The cookie session its requests carry, if it has one. */
    default Optional<CookieSession> cookies() {
        return Optional.empty();
    }

    /** The access token its requests carry, if it has one (for claim assertions). */
    default Optional<String> accessToken() {
        return Optional.empty();
    }

    /** No credentials: requests go out as they are. */
    record None() implements Credential {
    }

    /**
     * A bearer token, possibly with a refresh token, a known expiry and the cookies its login set.
     *
     * @param expiresAt when it expires (from {@code expires_in} or its {@code exp}), or null when unknown
     * @param session   the cookies the login set, or null
     */
    record Bearer(String token, String refreshToken, Instant expiresAt, CookieSession session) implements Credential {
        Bearer(String token, String refreshToken) {
            this(token, refreshToken, null, null);
        }

        @Override
        public ApiRequest authorize(ApiRequest request) {
            return request.withBearer(token);
        }

        @Override
        public Optional<CookieSession> cookies() {
            return Optional.ofNullable(session);
        }

        @Override
        public Optional<String> accessToken() {
            return Optional.of(token);
        }

        @Override
        public String toString() {
            return "Bearer[redacted, expires " + expiresAt + "]";
        }
    }

    /**
     * A cookie session without a token.
     *
     * @param csrf the CSRF token its unsafe requests carry, or null when the server asks for none
     */
    record Cookies(CookieSession session, Csrf csrf) implements Credential {
        Cookies(CookieSession session) {
            this(session, null);
        }

        @Override
        public ApiRequest authorize(ApiRequest request) {
            return csrf == null ? request : Authorizations.csrf(request, csrf.header(), csrf.token());
        }

        @Override
        public Optional<CookieSession> cookies() {
            return Optional.of(session);
        }

        @Override
        public String toString() {
            return "Cookies[" + session + (csrf == null ? "" : ", CSRF in " + csrf.header()) + "]";
        }
    }

    /** A session's CSRF token and the header it goes in. */
    record Csrf(String header, String token) {
        @Override
        public String toString() {
            return "Csrf[" + header + ", redacted]";
        }
    }

    /** An API key in a header or the query. */
    record ApiKey(SuiteIdentity.Placement placement, String parameter, String value) implements Credential {
        @Override
        public ApiRequest authorize(ApiRequest request) {
            return Authorizations.apiKey(request, placement == SuiteIdentity.Placement.QUERY, parameter, value);
        }

        @Override
        public String toString() {
            return "ApiKey[" + placement + " " + parameter + ", redacted]";
        }
    }

    /** HTTP Basic (RFC 7617, UTF-8). */
    record Basic(String username, String password) implements Credential {
        @Override
        public ApiRequest authorize(ApiRequest request) {
            return Authorizations.basic(request, username, password);
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", redacted]";
        }
    }

    /** Forged tokens of an attack: every one is sent, and every one must be refused. */
    record Attack(List<Forgery.Forged> attempts) implements Credential {
        public Attack {
            attempts = List.copyOf(attempts);
        }
    }

    /** The identity could not be obtained; every cell of this identity is an error with this reason. */
    record Unavailable(String reason) implements Credential {
    }
}
