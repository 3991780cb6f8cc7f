package io.tokenworkbench.client.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a query occurs in a text, ignoring case: what the console's "find in the answer" steps through. */
public final class TextSearch {

    private TextSearch() {
    }

    /** The start of every occurrence of {@code query} in {@code text}, without overlaps; none for a blank query. */
    public static List<Integer> occurrences(String text, String query) {
        List<Integer> found = new ArrayList<>();
        if (text == null || query == null || query.isBlank()) {
            return found;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = query.toLowerCase(Locale.ROOT);
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            found.add(at);
        }
        return found;
    }
}
