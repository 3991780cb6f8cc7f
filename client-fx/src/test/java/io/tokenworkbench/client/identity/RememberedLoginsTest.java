package io.tokenworkbench.client.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RememberedLoginsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void refreshTokensAreKeptInAFileOnlyTheOwnerCanRead(@TempDir Path configDir) throws Exception {
        RememberedLogins store = new RememberedLogins(configDir);
        Identity alice = Identity.withTokens("1", "alice", "alice", null,
                new TokenSet("access-token-value", "refresh-token-value", NOW, NOW.plusSeconds(900), null), List.of(),
                "http://localhost:8080", "http://localhost:8080/v1/auth/token");

        store.remember("http://localhost:8080", alice, NOW);

        assertEquals(io.tokenworkbench.client.support.OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(store.file()));
        String content = Files.readString(store.file());
        assertTrue(content.contains("refresh-token-value"));
        assertFalse(content.contains("access-token-value"), "access tokens stay in memory");
        assertFalse(content.contains("password"), "no password field at all");

        var loaded = assertInstanceOf(RememberedLogins.Loaded.Entries.class, new RememberedLogins(configDir).load());
        assertEquals("alice", loaded.entries().getFirst().username());
    }

    @Test
    void rememberingAgainReplacesAndForgettingRemoves(@TempDir Path configDir) throws Exception {
        RememberedLogins store = new RememberedLogins(configDir);
        Identity first = Identity.withTokens("1", "bob", "bob", null, new TokenSet("a", "r1", NOW, null, null), List.of(), "http://s", "http://s/token");
        Identity second = Identity.withTokens("2", "bob", "bob", null, new TokenSet("a", "r2", NOW, null, null), List.of(), "http://s", "http://s/token");

        store.remember("http://s", first, NOW);
        store.remember("http://s", second, NOW);
        var loaded = (RememberedLogins.Loaded.Entries) store.load();
        assertEquals(1, loaded.entries().size());
        assertEquals("r2", loaded.entries().getFirst().refreshToken());

        store.forget("http://s", "bob");
        assertTrue(((RememberedLogins.Loaded.Entries) store.load()).entries().isEmpty());
    }

    @Test
    void aDamagedFileIsReportedNotFatal(@TempDir Path configDir) throws Exception {
        RememberedLogins store = new RememberedLogins(configDir);
        Files.writeString(store.file(), "{ not json");

        var damaged = assertInstanceOf(RememberedLogins.Loaded.Damaged.class, store.load());
        assertTrue(damaged.reason().contains("cannot be read"));
    }

    @Test
    void rawTokensCannotBeRemembered(@TempDir Path configDir) {
        Identity raw = Identity.withTokens("1", "pasted", null, null, new TokenSet("a", null, NOW, null, null), List.of(), "http://s", "http://s/token");
        assertThrows(IllegalArgumentException.class,
                () -> new RememberedLogins(configDir).remember("http://s", raw, NOW));
    }
}
