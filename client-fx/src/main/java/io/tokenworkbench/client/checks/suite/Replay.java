package io.tokenworkbench.client.checks.suite;

/**
 * A replay step: causes an event that must invalidate earlier tokens, then presents those tokens again and expects
 * them refused. Revocation that silently does not happen is invisible to request-by-request testing.
 *
 * @param name     the label of its rows
 * @param event    what happens between issuing and replaying
 * @param username for logout, refresh, authorization-code and session: whose session (a fresh login); others use
 *                 a throwaway registered user
 * @param password that user's password
 * @param by       for user deletion: the identity allowed to delete users; for a password reset, optionally the one
 *                 that deletes the throwaway user afterwards
 * @param session  how its sessions are obtained: the password grant, or (our backend in dev mode) the dev mint,
 *                 which spends nothing of the token endpoint's rate limit
 */
public record Replay(String name, Event event, String username, String password, String by, Session session) {

    @Override
    public String toString() {
        return "Replay[" + name + ", " + event + "]";
    }

    /** How a replay obtains the session it revokes. */
    public enum Session {
        PASSWORD_GRANT("password-grant"), DEV_MINT("dev-mint");

        private final String yamlName;

        Session(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static java.util.Optional<Session> fromYaml(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst();
        }
    }

    /** The event after which earlier tokens must stop working. */
    public enum Event {
        LOGOUT("logout"), REFRESH("refresh"), PASSWORD_RESET("password-reset"), DELETE_USER("delete-user"),
        /** Our backend's browser login: its code works once, with its own verifier, and only for PKCE S256. */
        AUTHORIZATION_CODE("authorization-code"),
        /** Our backend's cookie sessions: reads, CSRF on unsafe requests, logout. */
        SESSION("session");

        private final String yamlName;

        Event(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static java.util.Optional<Event> fromYaml(String name) {
            return java.util.Arrays.stream(values()).filter(e -> e.yamlName.equals(name)).findFirst();
        }
    }
}
