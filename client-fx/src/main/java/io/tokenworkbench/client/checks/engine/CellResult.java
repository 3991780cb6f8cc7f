package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.checks.suite.StatusSet;

/**
 * One cell of the matrix: a row sent as one identity.
 *
 * @param row      the row's name
 * @param column   the identity (column) name
 * @param expected statuses that pass
 * @param actual   the status received, or 0 when there was none
 * @param outcome  pass, fail or error
 * @param reason   why it failed or errored (empty when it passed)
 * @param exchange the request and response, or null when nothing was sent
 * @param note     what else is worth knowing (the attack tried, a request sent again, a JWKS fetched); may be empty
 */
public record CellResult(String row, String column, StatusSet expected, int actual, Outcome outcome, String reason,
                         Exchange exchange, String note) {

    public CellResult(String row, String column, StatusSet expected, int actual, Outcome outcome, String reason,
                      Exchange exchange) {
        this(row, column, expected, actual, outcome, reason, exchange, exchange == null ? "" : exchange.note());
    }

    /** The same cell with more said about it. */
    public CellResult withNote(String more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        return new CellResult(row, column, expected, actual, outcome, reason, exchange,
                note.isEmpty() ? more : note + "; " + more);
    }

    /** What the matrix shows in the cell: the status, or "ERR". */
    public String label() {
        return actual == 0 ? "ERR" : String.valueOf(actual);
    }
}
