package io.tokenworkbench.client.console;

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
 * Requests sent from the console, newest first, kept across restarts in {@code console-history.json} (owner-only,
 * replaced atomically; headers may hold credentials someone typed). At most {@value #LIMIT} entries. Thread-safe.
 */
public final class RequestHistory {

    public static final int LIMIT = 200;

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private String loadProblem;
    private boolean loaded;

    /** One sent request and how it went. */
    public record Entry(@JsonProperty("request") ConsoleRequest request, @JsonProperty("identity") String identity,
                        @JsonProperty("status") int status, @JsonProperty("sent_at") Instant sentAt) {
    }

    /** Names the history file; nothing is read until the history is first asked for (off the UI thread). */
    public RequestHistory(Path configDir) {
        this.file = configDir.resolve("console-history.json");
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (Files.exists(file)) {
            try {
                List<Entry> read = Json.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Entry>>() { });
                if (read != null) {
                    read.stream().filter(Objects::nonNull).limit(LIMIT).forEach(entries::add);
                }
            } catch (IOException e) {
                loadProblem = "The console history in " + file + " cannot be read; starting a new one";
            }
        }
    }

    /** The saved entries, and why they could not be read (null when they could). */
    public record Snapshot(List<Entry> entries, String problem) {
    }

    /** Reads the file the first time; blocking, so call it off the UI thread. */
    public synchronized Snapshot snapshot() {
        ensureLoaded();
        return new Snapshot(List.copyOf(entries), loadProblem);
    }

    /** Why the saved history could not be loaded, or null. */
    public synchronized String loadProblem() {
        ensureLoaded();
        return loadProblem;
    }

    public synchronized List<Entry> entries() {
        ensureLoaded();
        return List.copyOf(entries);
    }

    /** Adds an entry at the top and saves. */
    public synchronized void add(Entry entry) throws IOException {
        ensureLoaded();
        entries.addFirst(entry);
        while (entries.size() > LIMIT) {
            entries.removeLast();
        }
        OwnerOnlyFiles.write(file, Json.mapper().writeValueAsBytes(entries));
    }
}
