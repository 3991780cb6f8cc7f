package io.tokenworkbench.client.packaged;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.foreign.ForeignApi;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shell block in the README and in docs/ runs as pasted, in a bash of its own, against a dev backend (for
 * {@code localhost:8080}) and a FastAPI-style API (for {@code localhost:8000}) on free ports, in a scratch folder
 * where the repository's {@code bin}, {@code docs} and build output are at hand. A block that cannot run here says why
 * in a {@code <!-- not run: … -->} line above it; so does every YAML block that is not a suite (suites run in
 * {@code DocsExamplesHttpTest}).
 */
class DocsCommandsIT {

    /** The placeholder the docs use for a foreign API's signing secret; the stand-in API signs with it. */
    private static final String FOREIGN_SECRET = "secret-key-of-the-api";
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    private static final Pattern NOT_RUN = Pattern.compile("<!-- not run: (\\S.*?) -->\\s*$");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();

    /** A fenced block of a document, and why it is not run (null when it is). */
    record Block(Path document, int line, String language, String text, String notRun) {
        @Override
        public String toString() {
            return Commands.ROOT.relativize(document) + ":" + line;
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Commands.ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Commands.ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    static List<Block> blocks(Path document) {
        try {
            String text = Files.readString(document);
            List<Block> blocks = new ArrayList<>();
            Matcher fence = FENCE.matcher(text);
            while (fence.find()) {
                String before = text.substring(0, fence.start()).stripTrailing();
                String lastLine = before.substring(before.lastIndexOf('\n') + 1);
                Matcher notRun = NOT_RUN.matcher(lastLine);
                int line = (int) text.substring(0, fence.start()).lines().count() + 1;
                blocks.add(new Block(document, line, fence.group(1), fence.group(2),
                        notRun.find() ? notRun.group(1) : null));
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyBlockIsRunOrSaysWhyNot() throws IOException {
        for (Path document : documents()) {
            for (Block block : blocks(document)) {
                boolean suite = block.language().equals("yaml") && block.text().startsWith("name: ");
                boolean shell = block.language().equals("bash");
                boolean figure = block.language().isEmpty();
                assertTrue(shell || suite || figure || block.notRun() != null,
                        block + ": a ```" + block.language() + " block that is neither run nor says why not");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyShellBlockRunsAsPasted() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : documents()) {
            List<Block> shell = blocks(document).stream()
                    .filter(b -> b.language().equals("bash") && b.notRun() == null).toList();
            if (shell.isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(Commands.ROOT.relativize(document).toString(), () -> {
                Path scratch = scratchFolder();
                try (ForeignApi foreign = ForeignApi.hs256(FOREIGN_SECRET)) {
                    for (Block block : shell) {
                        String script = block.text()
                                .replace("localhost:8080", "localhost:" + URI.create(backend.baseUrl()).getPort())
                                .replace("localhost:8000", "localhost:" + URI.create(foreign.baseUrl()).getPort());
                        Commands.Ended ended = Commands.run(List.of("bash", "-euo", "pipefail", "-c", script),
                                Map.of(), scratch, TIMEOUT);
                        assertEquals(0, ended.exit(), block + " failed:\n" + block.text() + "\n" + ended);
                    }
                }
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    /** A folder of its own, where relative paths of the docs (bin/, docs/, the jars) lead into the repository. */
    private static Path scratchFolder() throws IOException {
        Path scratch = Files.createTempDirectory("docs-commands");
        for (String entry : List.of("bin", "docs", "client-fx", "backend-helidon")) {
            Files.createSymbolicLink(scratch.resolve(entry), Commands.ROOT.resolve(entry));
        }
        return scratch;
    }
}
