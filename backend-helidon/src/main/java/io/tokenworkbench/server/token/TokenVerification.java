package io.tokenworkbench.server.token;

import io.tokenworkbench.server.security.Caller;

/** What verifying an access token concluded. */
public sealed interface TokenVerification {

    /** The token is valid and says who calls. */
    record Valid(Caller caller) implements TokenVerification {
    }

    /** The token is refused; the description is safe to show the caller (it never contains the token). */
    record Rejected(String description) implements TokenVerification {
    }
}
