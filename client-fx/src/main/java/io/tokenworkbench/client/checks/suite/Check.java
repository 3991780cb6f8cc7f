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
 * @param assertions  further conditions on the responses
 */
public record Check(String name, RequestSpec request, List<String> identities, Map<String, StatusSet> expected,
                    boolean freshToken, List<Step> beforeEach, List<Assertion> assertions) {

    public Check {
        identities = List.copyOf(identities);
        expected = Map.copyOf(expected);
        beforeEach = List.copyOf(beforeEach);
        assertions = List.copyOf(assertions);
    }

    public Optional<StatusSet> expectedFor(String identity) {
        return Optional.ofNullable(expected.get(identity));
    }
}
