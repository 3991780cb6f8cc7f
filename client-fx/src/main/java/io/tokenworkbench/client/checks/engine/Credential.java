package io.tokenworkbench.client.checks.engine;

/** What obtaining an identity's token gave. */
sealed interface Credential {

    /** No token: requests go out without {@code Authorization}. */
    record None() implements Credential {
    }

    /** A token (and, from a password login, a refresh token, else null). */
    record Token(String accessToken, String refreshToken) implements Credential {
        @Override
        public String toString() {
            return "Token[redacted]";
        }
    }

    /** The token could not be obtained; every cell of this identity is an error with this reason. */
    record Unavailable(String reason) implements Credential {
    }
}
