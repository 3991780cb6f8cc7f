package io.tokenworkbench.client.checks.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a run: a check (or a replay) with its cells by column.
 *
 * @param name    the check's name
 * @param request the request line, e.g. {@code GET /protected}
 * @param replay  whether it comes from a replay step
 * @param cells   column → cell, in column order
 */
public record RowResult(String name, String request, boolean replay, Map<String, CellResult> cells) {

    public RowResult {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    public Optional<CellResult> cell(String column) {
        return Optional.ofNullable(cells.get(column));
    }
}
