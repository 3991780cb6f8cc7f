package io.tokenworkbench.client.checks.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything one run of a suite produced; the matrix view, the reports, baselines and the command line all read this.
 *
 * @param suite     the suite's name
 * @param suiteFingerprint the suite's {@link io.tokenworkbench.client.checks.suite.Suite#fingerprint()}
 * @param server    the server it ran against
 * @param startedAt when it started
 * @param duration  how long it took
 * @param columns   column names in order (anonymous first, then the identities, then replay-only columns)
 * @param rows      rows in suite order, replays last
 * @param notes     problems outside the cells (an identity that could not be obtained, a setup step that failed)
 * @param cancelled whether it was stopped before the end (cells not run are absent)
 */
public record RunResult(String suite, String suiteFingerprint, String server, Instant startedAt, Duration duration,
                        List<String> columns, List<RowResult> rows, List<String> notes, boolean cancelled) {

    public RunResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public Stream<CellResult> cells() {
        return rows.stream().flatMap(row -> row.cells().values().stream());
    }

    public long count(Outcome outcome) {
        return cells().filter(cell -> cell.outcome() == outcome).count();
    }

    /** True when every cell passed and the run was not cut short. */
    public boolean passed() {
        return !cancelled && cells().allMatch(cell -> cell.outcome() == Outcome.PASS) && rows.size() > 0;
    }

    /** "412 cells: 410 passed, 1 failed, 1 error in 3.2 s". */
    public String summary() {
        return "%d cells: %d passed, %d failed, %d errors in %.1f s%s".formatted(cells().count(), count(Outcome.PASS),
                count(Outcome.FAIL), count(Outcome.ERROR), duration.toMillis() / 1000.0,
                cancelled ? " (stopped before the end)" : "");
    }
}
