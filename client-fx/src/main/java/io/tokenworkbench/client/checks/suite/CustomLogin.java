package io.tokenworkbench.client.checks.suite;

import java.util.Optional;

/**
 * A login exchange for an API that is not an OAuth2 server, e.g. {@code POST /auth/login} with a JSON body that
 * answers {@code {"access": "…", "refresh": "…"}}. The login identity's fields ({@code ${username}},
 * {@code ${password}} and any other) are variables in the request.
 *
 * @param request        the login request
 * @param token          where the access token is: a JSON pointer ({@code /access}), {@code header:Name} or
 *                       {@code cookie:Name}; empty for a cookie session that carries no token
 * @param refresh        where the refresh token is, if the API issues one
 * @param expiresIn      where the lifetime in seconds is, if the answer says it
 * @param refreshRequest the refresh exchange, with {@code ${refresh_token}}; answered like the login
 */
public record CustomLogin(RequestSpec request, Optional<String> token, Optional<String> refresh,
                          Optional<String> expiresIn, Optional<RequestSpec> refreshRequest) {
}
