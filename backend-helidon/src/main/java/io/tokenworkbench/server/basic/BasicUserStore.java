package io.tokenworkbench.server.basic;

import io.helidon.security.providers.httpauth.SecureUserStore;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;

import java.util.Optional;

/**
 * Helidon's HTTP Basic provider backed by the same users and Argon2id hashes as the token endpoint. An unknown
 * username still yields a user whose password check runs Argon2id against a dummy hash, because Helidon's provider
 * would otherwise answer at once and let a caller tell known usernames by time. Thread-safe.
 */
public final class BasicUserStore implements SecureUserStore {

    private final UserRepository users;
    private final PasswordHasher hasher;

    public BasicUserStore(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    @Override
    public Optional<User> user(String login) {
        Optional<UserAccount> account = login == null || login.length() > 64 ? Optional.empty() : users.byUsername(login);
        return Optional.of(new User() {
            @Override
            public String login() {
                return login;
            }

            @Override
            public boolean isPasswordValid(char[] password) {
                boolean matches = hasher.verifyOrBurn(new String(password),
                        account.map(UserAccount::passwordHash).orElse(null));
                return matches && account.map(UserAccount::active).orElse(false);
            }
        });
    }
}
