package io.tokenworkbench.client.checks.baseline;

import io.tokenworkbench.client.checks.engine.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a run differs from a baseline, cell by cell. Cells absent from the baseline (new checks or identities) are not
 * changes.
 *
 * @param baseline the baseline compared against
 * @param changes  every changed cell, in matrix order
 */
public record BaselineComparison(Baseline baseline, List<CellChange> changes) {

    public BaselineComparison {
        changes = List.copyOf(changes);
    }

    /** Compares the run with the baseline; throws {@link IllegalArgumentException} when it is another suite's. */
    public static BaselineComparison compare(Baseline baseline, RunResult run) {
        baseline.mismatch(run).ifPresent(reason -> {
            throw new IllegalArgumentException("This baseline cannot be compared with this run: " + reason);
        });
        List<CellChange> changes = new ArrayList<>();
        run.rows().forEach(row -> row.cells().forEach((column, cell) ->
                baseline.status(row.name(), column).ifPresent(before -> {
                    if (before != cell.actual()) {
                        changes.add(new CellChange(row.name(), column, before, cell.actual(),
                                CellChange.Kind.of(before, cell.actual())));
                    }
                })));
        return new BaselineComparison(baseline, changes);
    }

    public Optional<CellChange> change(String row, String column) {
        return changes.stream().filter(c -> c.row().equals(row) && c.column().equals(column)).findFirst();
    }

    public long count(CellChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** "2 cells changed since the baseline of …: 1 opened access, 1 closed". */
    public String summary() {
        if (changes.isEmpty()) {
            return "No cell changed since the baseline of " + baseline.startedAt();
        }
        return "%d cell%s changed since the baseline of %s: %d opened access, %d closed, %d other".formatted(
                changes.size(), changes.size() == 1 ? "" : "s", baseline.startedAt(), count(CellChange.Kind.OPENED),
                count(CellChange.Kind.CLOSED), count(CellChange.Kind.CHANGED));
    }
}
