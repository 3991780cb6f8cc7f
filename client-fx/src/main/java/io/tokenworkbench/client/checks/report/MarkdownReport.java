package io.tokenworkbench.client.checks.report;

import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Outcome;
import io.tokenworkbench.client.checks.engine.RowResult;
import io.tokenworkbench.client.checks.engine.RunResult;

import java.util.List;

/** The matrix as a Markdown table, e.g. for a pull-request comment or a CI job summary. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(result.suite())).append("\n\n");
        md.append("Server `").append(result.server()).append("`, ").append(result.startedAt()).append(". ")
                .append(result.summary()).append(".\n\n");
        md.append("| check |");
        result.columns().forEach(c -> md.append(' ').append(escape(c)).append(" |"));
        md.append("\n|---|");
        result.columns().forEach(c -> md.append("---|"));
        md.append('\n');
        for (RowResult row : result.rows()) {
            md.append("| ").append(escape(row.name())).append(" |");
            for (String column : result.columns()) {
                CellResult cell = row.cells().get(column);
                md.append(' ').append(cell == null ? "" : cell(cell)).append(" |");
            }
            md.append('\n');
        }
        List<CellResult> bad = result.cells().filter(c -> c.outcome() != Outcome.PASS).toList();
        if (!bad.isEmpty()) {
            md.append("\n## Not as expected\n\n");
            bad.forEach(c -> md.append("- **").append(escape(c.row())).append("** as `").append(c.column())
                    .append("`: ").append(escape(c.reason())).append('\n'));
        }
        if (!result.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            result.notes().forEach(n -> md.append("- ").append(escape(n)).append('\n'));
        }
        return md.toString();
    }

    private static String cell(CellResult cell) {
        return switch (cell.outcome()) {
            case PASS -> "✅ " + cell.label();
            case FAIL -> "❌ " + cell.label() + " (want " + cell.expected() + ")";
            case ERROR -> "⚠️ error";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
