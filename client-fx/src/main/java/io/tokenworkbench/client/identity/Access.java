package io.tokenworkbench.client.identity;

/**
 * How an identity proves who it is on each request, and how it gets a fresh proof. {@code toString} never shows a
 * secret.
 */
public sealed interface Access {

    /**
     * Its bearer token; refreshed at the token endpoint with its refresh token.
     *
     * @param tokenEndpoint the token endpoint's URL, or null when the token cannot be refreshed (pasted, custom login)
     */
    record Token(String tokenEndpoint) implements Access {
    }

    /** OAuth2 client credentials: its bearer token, obtained anew instead of refreshed. The secret stays in memory. */
    record Client(String tokenEndpoint, String clientId, String clientSecret, String scope, boolean secretInForm)
            implements Access {
        @Override
        public String toString() {
            return "Client[" + clientId + " at " + tokenEndpoint + "]";
        }
    }

    /** An API key in a header or the query. */
    record ApiKey(boolean inQuery, String name, String value) implements Access {
        @Override
        public String toString() {
            return "ApiKey[" + (inQuery ? "query " : "header ") + name + "]";
        }
    }

    /** HTTP Basic on every request; the password stays in memory only. */
    record Basic(String username, String password) implements Access {
        @Override
        public String toString() {
            return "Basic[" + username + "]";
        }
    }

    /**
     * Only the cookies of its session, and the CSRF token its unsafe requests carry.
     *
     * @param endpoint   the URL its login went to (our backend's {@code /v1/auth/session} also ends it)
     * @param csrfHeader the header the CSRF token goes in, or null when the server asks for none
     * @param csrfToken  the token its login answered, or null
     */
    record Session(String endpoint, String csrfHeader, String csrfToken) implements Access {
        public Session() {
            this(null, null, null);
        }

        /** The request with the CSRF token, when it changes something and has none yet. */
        public io.tokenworkbench.client.http.ApiRequest withCsrf(io.tokenworkbench.client.http.ApiRequest request) {
            return io.tokenworkbench.client.http.Authorizations.csrf(request, csrfHeader, csrfToken);
        }

        @Override
        public String toString() {
            return "Session[" + (csrfToken == null ? "no CSRF token" : "CSRF token in " + csrfHeader) + "]";
        }
    }
}
