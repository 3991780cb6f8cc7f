package io.tokenworkbench.client.checks.suite;

import java.util.Map;

/**
 * A setup step: a request sent as one identity whose response feeds variables into later requests.
 *
 * @param name    what it does, for the run log
 * @param as      the identity to send it as ({@code anonymous} for none)
 * @param request the request
 * @param expect  the statuses it must answer with, or null for any 2xx
 * @param capture variable name → where to take the value: a JSON pointer ({@code /id}) or {@code header:Location}
 */
public record Step(String name, String as, RequestSpec request, StatusSet expect, Map<String, String> capture) {

    public Step {
        capture = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capture));
    }
}
