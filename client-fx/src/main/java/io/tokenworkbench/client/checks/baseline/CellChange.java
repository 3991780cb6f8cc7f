package io.tokenworkbench.client.checks.baseline;

/**
 * A cell whose status differs from the baseline's.
 *
 * @param row    the row's name
 * @param column the identity
 * @param before the baseline's status (0: no answer)
 * @param after  this run's status (0: no answer)
 * @param kind   what the change means for access
 */
public record CellChange(String row, String column, int before, int after, Kind kind) {

    /** What a change means. */
    public enum Kind {
        /** Refused or unanswered before, allowed now (e.g. 403 → 200, ERR → 200): the change to look at first. */
        OPENED,
        /** Allowed before, refused now (e.g. 200 → 403). */
        CLOSED,
        /** Some other difference (e.g. 401 → 403, 200 → 204, 200 → 500). */
        CHANGED;

        static Kind of(int before, int after) {
            boolean allowedBefore = before >= 200 && before < 300;
            boolean allowedAfter = after >= 200 && after < 300;
            boolean refusedBefore = before == 0 || before == 401 || before == 403 || before == 404;
            boolean refusedAfter = after == 401 || after == 403 || after == 404;
            if (refusedBefore && allowedAfter) {
                return OPENED;
            }
            if (allowedBefore && refusedAfter) {
                return CLOSED;
            }
            return CHANGED;
        }
    }

    /** "403 → 200". */
    public String transition() {
        return (before == 0 ? "ERR" : before) + " → " + (after == 0 ? "ERR" : after);
    }
}
