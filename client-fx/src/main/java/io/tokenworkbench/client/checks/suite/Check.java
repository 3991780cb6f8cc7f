package io.tokenworkbench.client.checks.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the access matrix: a request sent once per identity, with the status each identity must get.
 *
 * @param name        the row's label
 * @param request     the request
 * @param identities  the columns this check runs for, in matrix order
 * @param expected    identity → statuses that pass
 * @param freshToken  log in or mint anew for each cell (for requests that spend the token, such as logout)
 * @param beforeEach  steps run before each cell, their captures visible to that cell only
 * @param assertions  further conditions on the responses (and on the identities' tokens)
 * @param repeat      send the request several times in a row per identity (throttles), or null for once
 * @param collect     collection name → where in a successful answer to take a value for that run-wide
 *                    collection, e.g. the id of what the request created, for the teardown to delete
 */
public record Check(String name, RequestSpec request, List<String> identities, Map<String, StatusSet> expected,
                    boolean freshToken, List<Step> beforeEach, List<Assertion> assertions, Repeat repeat,
                    Map<String, String> collect) {

    /** The largest {@link Repeat#count()}: a throttle shows long before, and a run must stay bounded. */
    public static final int MAX_REPEAT = 1000;

    /**
     * Sends the request {@code count} times in a row for each identity: the first answer must be as
     * {@link #expected()} says, the last as {@code expectLast} says.
     */
    public record Repeat(int count, Map<String, StatusSet> expectLast) {
        public Repeat {
            expectLast = Map.copyOf(expectLast);
        }
    }

    public Check {
        identities = List.copyOf(identities);
        expected = Map.copyOf(expected);
        beforeEach = List.copyOf(beforeEach);
        assertions = List.copyOf(assertions);
        collect = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(collect));
    }

    public Optional<StatusSet> expectedFor(String identity) {
        return Optional.ofNullable(expected.get(identity));
    }
}
