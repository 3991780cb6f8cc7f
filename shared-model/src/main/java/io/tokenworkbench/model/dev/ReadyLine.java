package io.tokenworkbench.model.dev;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line the backend prints on standard output once it serves requests, and only then: launchers and the demo
 * wait for it instead of guessing. {@code Token Workbench backend ready at http://localhost:8080 (dev mode)}.
 */
public final class ReadyLine {

    private static final String PREFIX = "Token Workbench backend ready at ";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(PREFIX) + "(https?://\\S+)");

    private ReadyLine() {
    }

    /** The line for a server reachable at {@code baseUrl}. */
    public static String of(String baseUrl, boolean devMode) {
        return PREFIX + baseUrl + (devMode ? " (dev mode)" : "");
    }

    /** The base URL when {@code line} is the ready line. */
    public static Optional<String> url(String line) {
        Matcher matcher = LINE.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
