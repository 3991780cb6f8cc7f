package io.tokenworkbench.client.identity;

import java.util.List;

/** The dev-mode demo identities of the API contract: public fixtures, one click away in the workbench. */
public final class DemoIdentities {

    /** A demo login. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    public static final List<Login> ALL = List.of(
            new Login("alice", "alice-password-1"),
            new Login("bob", "bob-password-1"),
            new Login("sam", "sam-password-1"),
            new Login("mia", "mia-password-1"),
            new Login("root", "root-password-1"));

    private DemoIdentities() {
    }
}
