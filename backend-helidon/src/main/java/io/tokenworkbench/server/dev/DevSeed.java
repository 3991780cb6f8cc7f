package io.tokenworkbench.server.dev;

import io.tokenworkbench.server.post.PostRepository;
import io.tokenworkbench.server.product.ProductRepository;
import io.tokenworkbench.server.security.PasswordHasher;
import io.tokenworkbench.server.user.UserAccount;
import io.tokenworkbench.server.user.UserRepository;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/** Dev mode's demo identities (public fixtures of the contract), products, posts and a report; once, into an empty database. */
public final class DevSeed {

    /** A demo identity as the contract lists it. */
    public record DemoIdentity(String username, String password, String email, boolean staff, boolean superuser,
                               List<String> roles) {
    }

    public static final List<DemoIdentity> IDENTITIES = List.of(
            new DemoIdentity("alice", "alice-password-1", "alice@example.com", false, false, List.of("user")),
            new DemoIdentity("bob", "bob-password-1", "bob@example.com", false, false, List.of("user")),
            new DemoIdentity("sam", "sam-password-1", "sam@example.com", true, false, List.of("editor")),
            new DemoIdentity("mia", "mia-password-1", "mia@example.com", false, false, List.of("moderator")),
            new DemoIdentity("root", "root-password-1", "root@example.com", true, true, List.of("admin")));

    private DevSeed() {
    }

    /** Seeds when there are no users yet; returns whether it did. */
    public static boolean seedIfEmpty(Jdbi jdbi, UserRepository users, PostRepository posts, ProductRepository products,
                                      PasswordHasher hasher, Clock clock) {
        if (users.count() > 0) {
            return false;
        }
        var now = clock.instant();
        UserAccount alice = null;
        UserAccount bob = null;
        for (DemoIdentity identity : IDENTITIES) {
            UserAccount account = users.insert(identity.username(), identity.email(), hasher.hash(identity.password()),
                    identity.staff(), identity.superuser(), identity.roles(), now);
            if (identity.username().equals("alice")) {
                alice = account;
            } else if (identity.username().equals("bob")) {
                bob = account;
            }
        }
        products.insert("Hardware token", new BigDecimal("49.00"), now);
        products.insert("Password manager licence", new BigDecimal("36.00"), now);
        products.insert("Security training", new BigDecimal("199.99"), now);
        posts.insert(alice.id(), "Hello from Alice", "My first published post.", true, now);
        posts.insert(alice.id(), "Alice's draft", "Only Alice (and admins) can see this.", false, now);
        var bobsPost = posts.insert(bob.id(), "Bob's notes", "Bob's published post; others may read, not edit.", true, now);
        posts.insert(bob.id(), "Bob's draft", "Only Bob (and admins) can see this.", false, now);
        jdbi.useHandle(h -> h.createUpdate("insert into reports (post_id, reason, status) values (:post, :reason, 'open')")
                .bind("post", bobsPost.id()).bind("reason", "Possible spam").execute());
        return true;
    }
}
