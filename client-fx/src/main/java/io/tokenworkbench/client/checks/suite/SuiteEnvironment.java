package io.tokenworkbench.client.checks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a suite's {@code ${env:NAME}} and {@code ${file:path}} references are read from: environment variables,
 * and files relative to the suite's folder. They keep secrets out of suite files. Immutable.
 *
 * @param variables     environment variable name → value (absent: unset)
 * @param baseDirectory relative {@code file:} paths start here
 */
public record SuiteEnvironment(Function<String, Optional<String>> variables, Path baseDirectory) {

    /** The process's environment, files relative to {@code baseDirectory}. */
    public static SuiteEnvironment system(Path baseDirectory) {
        return new SuiteEnvironment(name -> Optional.ofNullable(System.getenv(name)), baseDirectory);
    }

    /** Fixed variables, e.g. in tests. */
    public static SuiteEnvironment of(Map<String, String> variables, Path baseDirectory) {
        Map<String, String> copy = Map.copyOf(variables);
        return new SuiteEnvironment(name -> Optional.ofNullable(copy.get(name)), baseDirectory);
    }

    /**
     * The value of a reference without its braces: {@code env:NAME} or {@code file:path} (a file's content without
     * its final line break).
     *
     * @throws IllegalArgumentException when the variable is unset or the file cannot be read, naming which
     */
    public String resolve(String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4).strip();
            return variables.apply(name).orElseThrow(() ->
                    new IllegalArgumentException("the environment variable " + name + " is not set"));
        }
        if (reference.startsWith("file:")) {
            Path file = baseDirectory.resolve(reference.substring(5).strip());
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            } catch (IOException e) {
                throw new IllegalArgumentException("the file " + file + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        throw new IllegalArgumentException("unknown reference ${" + reference + "}: use ${env:NAME} or ${file:path}");
    }
}
