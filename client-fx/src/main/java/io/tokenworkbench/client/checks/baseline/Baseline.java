package io.tokenworkbench.client.checks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.report.JsonReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A saved run that later runs are compared with: the status of every cell. Stored as the run's JSON report, so a
 * report attached to an old CI build can serve as a baseline too.
 *
 * @param suite       the suite's name
 * @param fingerprint the suite's fingerprint (empty in baselines saved before fingerprints existed)
 * @param startedAt   when the saved run started (ISO-8601 text)
 * @param statuses    row name → column → status (0 when there was no answer)
 */
public record Baseline(String suite, String fingerprint, String startedAt, Map<String, Map<String, Integer>> statuses) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Baseline {
        statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }

    public Optional<Integer> status(String row, String column) {
        return Optional.ofNullable(statuses.getOrDefault(row, Map.of()).get(column));
    }

    /**
     * Why this baseline cannot be compared with the run, if it cannot: it was saved from another suite (another
     * name, or another fingerprint with no row in common).
     */
    public Optional<String> mismatch(RunResult run) {
        return mismatch(run.suite(), run.suiteFingerprint(),
                run.rows().stream().map(io.tokenworkbench.client.checks.engine.RowResult::name).toList());
    }

    /** As {@link #mismatch(RunResult)}, before a run: the suite's name, fingerprint and check names. */
    public Optional<String> mismatch(String suiteName, String suiteFingerprint, java.util.Collection<String> rows) {
        boolean sameSuite = fingerprint.isEmpty() ? suite.equals(suiteName) : fingerprint.equals(suiteFingerprint);
        if (sameSuite) {
            return Optional.empty();
        }
        boolean rowsInCommon = rows.stream().anyMatch(statuses::containsKey);
        if (suite.equals(suiteName) && rowsInCommon) {
            return Optional.empty();
        }
        return Optional.of("it was saved from the suite '" + suite + "' (fingerprint "
                + (fingerprint.isEmpty() ? "none" : fingerprint) + "), not from '" + suiteName + "' (fingerprint "
                + suiteFingerprint + ")" + (rowsInCommon ? "" : ", and they have no check in common"));
    }

    /** Saves the run as a baseline, atomically (a crash leaves the old file or the new one, never half of one). */
    public static void save(RunResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, JsonReport.render(result), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads a baseline (a JSON report); a file that is not one is refused with the reason. */
    public static Baseline load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !JsonReport.FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a saved run (expected \"format\": \"" + JsonReport.FORMAT + "\")");
        }
        Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
        for (JsonNode row : root.path("rows")) {
            Map<String, Integer> cells = new LinkedHashMap<>();
            row.path("cells").properties().forEach(e -> cells.put(e.getKey(), e.getValue().path("actual").asInt()));
            statuses.put(row.path("name").asText(), cells);
        }
        return new Baseline(root.path("suite").asText(), root.path("suite_fingerprint").asText(""),
                root.path("started_at").asText(), statuses);
    }

    /** The baseline of a run held in memory. */
    public static Baseline of(RunResult result) {
        Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
        result.rows().forEach(row -> {
            Map<String, Integer> cells = new LinkedHashMap<>();
            row.cells().forEach((column, cell) -> cells.put(column, cell.actual()));
            statuses.put(row.name(), cells);
        });
        return new Baseline(result.suite(), result.suiteFingerprint(), result.startedAt().toString(), statuses);
    }
}
