package io.tokenworkbench.client.checks.discovery;

/**
 * A cell where the OpenAPI document and the server's behaviour disagree.
 *
 * @param check      the check (operation)
 * @param identity   the column
 * @param documented the status the document's security requirements imply
 * @param observed   the status the server answered
 */
public record Disagreement(String check, String identity, int documented, int observed) {

    @Override
    public String toString() {
        return check + " as " + identity + ": the document implies " + documented + ", the server answered "
                + observed;
    }
}
