package io.tokenworkbench.client.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tokenworkbench.client.support.OwnerOnlyFiles;
import io.tokenworkbench.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identities a person asked the workbench to remember: their refresh tokens (never passwords, never access
 * tokens) in one JSON file that only its owner can read or write (POSIX 0600), replaced atomically on every save.
 * A damaged file is reported and treated as empty, never a crash. Thread-safe.
 */
public final class RememberedLogins {

    private final Path file;

    public RememberedLogins(Path configDir) {
        this.file = configDir.resolve("remembered-logins.json");
    }

    /** One remembered login; {@code tokenEndpoint} is null in files written before it was kept. */
    public record Entry(@JsonProperty("server") String server, @JsonProperty("label") String label,
                        @JsonProperty("username") String username, @JsonProperty("scope") String scope,
                        @JsonProperty("token_endpoint") String tokenEndpoint,
                        @JsonProperty("refresh_token") String refreshToken,
                        @JsonProperty("saved_at") Instant savedAt) {
        @Override
        public String toString() {
            return "Entry[server=" + server + ", username=" + username + "]";
        }
    }

    /** What reading the file concluded. */
    public sealed interface Loaded {
        record Entries(List<Entry> entries) implements Loaded {
        }

        /** The file exists but cannot be read; the message says so, and nothing is lost until the next save. */
        record Damaged(String reason) implements Loaded {
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded.Entries(List.of());
        }
        try {
            List<Entry> entries = Json.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Entry>>() { });
            return new Loaded.Entries(entries == null ? List.of() : entries.stream().filter(Objects::nonNull).toList());
        } catch (IOException e) {
            return new Loaded.Damaged("The remembered logins in " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); they are ignored until you remember a login again");
        }
    }

    /**
     * Remembers (or updates) the login of this identity on this server, as of {@code now}. Call it again whenever
     * the server rotates the refresh token: the one kept before is spent. An entry saved as of a later instant is
     * kept, so that saves finishing out of order never bring back a spent token.
     */
    public synchronized void remember(String server, Identity identity, Instant now) throws IOException {
        String refreshToken = identity.currentTokens().flatMap(TokenSet::refresh)
                .orElseThrow(() -> new IllegalArgumentException("Only identities with a refresh token can be remembered"));
        String endpoint = identity.access() instanceof Access.Token(String tokenEndpoint) ? tokenEndpoint : null;
        List<Entry> entries = new ArrayList<>(current());
        boolean newerKept = entries.stream().anyMatch(e -> e.server().equals(server)
                && Objects.equals(e.label(), identity.label()) && e.savedAt() != null && e.savedAt().isAfter(now));
        if (newerKept) {
            return;
        }
        entries.removeIf(e -> e.server().equals(server) && Objects.equals(e.label(), identity.label()));
        entries.add(new Entry(server, identity.label(), identity.username(), identity.scope(), endpoint, refreshToken,
                now));
        save(entries);
    }

    /** The logins remembered for this server, oldest first; none when the file is missing or damaged. */
    public synchronized List<Entry> forServer(String server) {
        return current().stream().filter(e -> e.server().equals(server) && e.refreshToken() != null).toList();
    }

    /** Forgets a remembered login. */
    public synchronized void forget(String server, String label) throws IOException {
        List<Entry> entries = new ArrayList<>(current());
        if (entries.removeIf(e -> e.server().equals(server) && Objects.equals(e.label(), label))) {
            save(entries);
        }
    }

    private List<Entry> current() {
        return load() instanceof Loaded.Entries(List<Entry> entries) ? entries : List.of();
    }

    private void save(List<Entry> entries) throws IOException {
        OwnerOnlyFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
    }
}
