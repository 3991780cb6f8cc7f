package io.tokenworkbench.client.checks.suite;

/**
 * A replay step: causes an event that must invalidate earlier tokens, then presents those tokens again and expects
 * them refused. Revocation that silently does not happen is invisible to request-by-request testing.
 *
 * @param name     the label of its rows
 * @param event    what happens between issuing and replaying
 * @param username for logout and refresh: whose session (a fresh login); others use a throwaway registered user
 * @param password that user's password
 * @param by       for user deletion: the identity allowed to delete users
 */
public record Replay(String name, Event event, String username, String password, String by) {

    @Override
    public String toString() {
        return "Replay[" + name + ", " + event + "]";
    }

    /** The event after which earlier tokens must stop working. */
    public enum Event {
        LOGOUT("logout"), REFRESH("refresh"), PASSWORD_RESET("password-reset"), DELETE_USER("delete-user");

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
