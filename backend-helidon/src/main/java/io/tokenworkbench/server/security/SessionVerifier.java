package io.tokenworkbench.server.security;

/** Verifies cookie sessions (implemented by the session feature's store). */
public interface SessionVerifier {

    /** The session cookie's name ({@code __Host-…} when cookies are Secure). */
    String cookieName();

    /** The verdict on a session cookie's value: the session's user with their full rights, or why not. */
    TokenVerification verify(String sessionId);

    /** Whether the CSRF token is the one the session's login answered. */
    boolean csrfMatches(String sessionId, String csrfToken);
}
