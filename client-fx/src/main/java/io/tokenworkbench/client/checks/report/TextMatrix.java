package io.tokenworkbench.client.checks.report;

import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix as plain text for a terminal or a CI log: one line per row, one column per identity, each cell the
 * status received, marked {@code !} when it failed and {@code ERR} when there was no answer; failures listed below
 * with their reasons.
 *
 * <pre>
 *                                anonymous alice  bob
 * protected resource             401       200    200
 * admin user list                401       !200   403
 * </pre>
 */
public final class TextMatrix {

    private static final int NAME_WIDTH = 44;

    private TextMatrix() {
    }

    public static String render(RunResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.suite()).append(" — ").append(result.server()).append('\n');
        List<Integer> widths = result.columns().stream().map(c -> Math.max(5, c.length()) + 1).toList();
        out.append(pad("", NAME_WIDTH));
        for (int i = 0; i < result.columns().size(); i++) {
            out.append(pad(result.columns().get(i), widths.get(i)));
        }
        out.append('\n');
        for (RowResult row : result.rows()) {
            out.append(pad(cut(row.name()), NAME_WIDTH));
            for (int i = 0; i < result.columns().size(); i++) {
                CellResult cell = row.cells().get(result.columns().get(i));
                out.append(pad(cell == null ? "·" : mark(cell), widths.get(i)));
            }
            out.append('\n');
        }
        out.append(problems(result));
        out.append(notes(result));
        out.append('\n').append(result.summary()).append('\n');
        return out.toString();
    }

    /** The cells that were not as expected, with their reasons, and the run's notes; empty when there are none. */
    public static String problems(RunResult result) {
        StringBuilder out = new StringBuilder();
        List<CellResult> bad = result.cells().filter(c -> c.outcome() != Outcome.PASS).toList();
        if (!bad.isEmpty()) {
            out.append("\nNot as expected:\n");
            bad.forEach(c -> out.append("  ").append(c.outcome() == Outcome.FAIL ? "FAIL  " : "ERROR ")
                    .append(c.row()).append(" as ").append(c.column()).append(": ").append(c.reason()).append('\n'));
        }
        if (!result.notes().isEmpty()) {
            out.append("\nNotes:\n");
            result.notes().forEach(n -> out.append("  ").append(n).append('\n'));
        }
        return out.toString();
    }

    /**
     * What else the passing cells say (the attacks each identity tried, requests sent again), once per identity and
     * note with the number of cells it holds for.
     */
    private static String notes(RunResult result) {
        Map<String, Map<String, Integer>> byColumn = new LinkedHashMap<>();
        result.cells().filter(c -> c.outcome() == Outcome.PASS && !c.note().isEmpty()).forEach(c ->
                byColumn.computeIfAbsent(c.column(), k -> new LinkedHashMap<>()).merge(c.note(), 1, Integer::sum));
        if (byColumn.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nAlso worth knowing:\n");
        byColumn.forEach((column, notes) -> notes.forEach((note, cells) -> out.append("  ").append(column)
                .append(": ").append(note).append(cells == 1 ? "" : " (" + cells + " cells)").append('\n')));
        return out.toString();
    }

    private static String mark(CellResult cell) {
        return switch (cell.outcome()) {
            case PASS -> cell.label();
            case FAIL -> "!" + cell.label();
            case ERROR -> "ERR";
        };
    }

    private static String cut(String name) {
        return name.length() < NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 2) + "…";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
