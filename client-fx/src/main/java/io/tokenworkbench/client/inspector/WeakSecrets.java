package io.tokenworkbench.client.inspector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled list of guessable HMAC secrets: words from tutorials, samples and leaked configurations, and the
 * published example secrets (jwt.io's default, the FastAPI tutorial's {@code SECRET_KEY}). The linter tries them on
 * a token; forgery signs with each of them. Read once; immutable.
 */
public final class WeakSecrets {

    private static final List<String> ALL = load();

    private WeakSecrets() {
    }

    /** Every secret of the list, in its order. */
    public static List<String> all() {
        return ALL;
    }

    private static List<String> load() {
        try (InputStream in = WeakSecrets.class.getResourceAsStream("weak-hmac-secrets.txt")) {
            if (in == null) {
                throw new IllegalStateException("weak-hmac-secrets.txt is missing from the classpath");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
