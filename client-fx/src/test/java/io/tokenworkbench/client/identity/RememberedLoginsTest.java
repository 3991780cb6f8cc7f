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
        Identity alice = new Identity("1", "alice", "alice", null,
                new TokenSet("access-token-value", "refresh-token-value", NOW, NOW.plusSeconds(900), null), List.of());

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
        Identity first = new Identity("1", "bob", "bob", null, new TokenSet("a", "r1", NOW, null, null), List.of());
        Identity second = new Identity("2", "bob", "bob", null, new TokenSet("a", "r2", NOW, null, null), List.of());

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
        Identity raw = new Identity("1", "pasted", null, null, new TokenSet("a", null, NOW, null, null), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> new RememberedLogins(configDir).remember("http://s", raw, NOW));
    }
}
