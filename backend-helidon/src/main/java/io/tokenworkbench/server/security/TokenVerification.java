package io.tokenworkbench.server.security;

/** What verifying an access token concluded. */
public sealed interface TokenVerification {

    /** Verifies access tokens (implemented by the token feature's verifier). */
    @FunctionalInterface
    interface Verifier {
        TokenVerification verify(String token);
    }

    /** The token is valid and says who calls. */
    record Valid(Caller caller) implements TokenVerification {
    }

    /** The token is refused; the description is safe to show the caller (it never contains the token). */
    record Rejected(String description) implements TokenVerification {
    }
}
