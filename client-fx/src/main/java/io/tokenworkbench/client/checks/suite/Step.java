package io.tokenworkbench.client.checks.suite;

import java.util.Map;

/**
 * A step: a request sent as one identity whose response feeds variables into later requests (setup, before each
 * cell), or that cleans up after the run (teardown).
 *
 * @param name    what it does, for the run log
 * @param as      the identity to send it as ({@code anonymous} for none; in a teardown step {@link #COLLECTOR}
 *                for whichever identity collected the item)
 * @param request the request
 * @param expect  the statuses it must answer with, or null for any 2xx
 * @param capture variable name → where to take the value: a JSON pointer ({@code /id}) or {@code header:Location}
 * @param collect collection name → where to take a value to add to that run-wide collection (what a teardown
 *                step will clean up)
 * @param forEach in a teardown step, the collection it runs once per item of ({@code ${item}}), or null
 */
public record Step(String name, String as, RequestSpec request, StatusSet expect, Map<String, String> capture,
                   Map<String, String> collect, String forEach) {

    /** The {@code as} of a teardown step that acts as the identity that collected the item. */
    public static final String COLLECTOR = "collector";

    public Step {
        capture = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capture));
        collect = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(collect));
    }
}
