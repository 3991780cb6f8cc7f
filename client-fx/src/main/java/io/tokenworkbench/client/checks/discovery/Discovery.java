package io.tokenworkbench.client.checks.discovery;

import io.tokenworkbench.client.checks.suite.Suite;

import java.util.List;

/**
 * A suite generated from a server's OpenAPI document.
 *
 * @param yaml          the suite as YAML, ready to review, edit and save
 * @param suite         the same, parsed
 * @param operations    how many operations the document has
 * @param observed      whether one observed run set the expectations
 * @param disagreements cells where the document and the observed run disagree
 * @param leftOut       operations left out of the suite: the token endpoint, those that change data (unless allowed)
 *                      and those that need query parameters
 * @param documentPath  where the document was found
 * @param unjudged      cells the observed run could not judge (no answer, rate limited), left out of the suite
 */
public record Discovery(String yaml, Suite suite, int operations, boolean observed, List<Disagreement> disagreements,
                        List<String> leftOut, String documentPath, List<String> unjudged) {

    public Discovery {
        disagreements = List.copyOf(disagreements);
        leftOut = List.copyOf(leftOut);
        unjudged = List.copyOf(unjudged);
    }
}
