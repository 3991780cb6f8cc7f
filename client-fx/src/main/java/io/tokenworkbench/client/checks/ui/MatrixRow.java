package io.tokenworkbench.client.checks.ui;

import io.tokenworkbench.client.checks.engine.CellResult;
import io.tokenworkbench.client.checks.engine.Outcome;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/** One row of the matrix table: its cells fill in as the run goes. Touched on the FX thread only. */
public final class MatrixRow {

    private final String name;
    private final String request;
    private final ObservableMap<String, CellResult> cells = FXCollections.observableHashMap();

    MatrixRow(String name, String request) {
        this.name = name;
        this.request = request;
    }

    public String name() {
        return name;
    }

    public String request() {
        return request;
    }

    public ObservableMap<String, CellResult> cells() {
        return cells;
    }

    boolean hasProblem() {
        return cells.values().stream().anyMatch(cell -> cell.outcome() != Outcome.PASS);
    }
}
