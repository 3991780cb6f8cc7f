package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend that cannot start says so in one line naming what to change, exits non-zero, and never claims to be
 * ready (issue 10: a busy port, a data folder it cannot use, a database another instance holds).
 */
class StartupFailureTest {

    /** What a finished child backend printed. */
    private record Ended(int exit, String out, String err) {
    }

    private static Ended run(Map<String, String> environment, Path logs) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("APP_DEV_MODE", "true", "SERVER_HOST", "127.0.0.1"));
        env.putAll(environment);
        Path out = logs.resolve("out.txt");
        Path err = logs.resolve("err.txt");
        Process process = MainProcess.builder(env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the backend should have given up");
        } finally {
            process.destroyForcibly();
        }
        return new Ended(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertOneClearLine(Ended ended, String... mentions) {
        assertEquals(1, ended.exit(), ended.toString());
        assertFalse(ended.out().contains("ready at"), ended.out());
        String[] lines = ended.err().strip().split("\n");
        assertEquals(1, lines.length, "one line, no stack trace:\n" + ended.err() + ended.out());
        assertTrue(lines[0].startsWith("Cannot start: "), lines[0]);
        for (String mention : mentions) {
            assertTrue(lines[0].contains(mention), lines[0]);
        }
        assertFalse(ended.out().contains("Exception"), "nothing else logs a stack trace:\n" + ended.out());
    }

    @Test
    void aBusyPortIsOneLineNamingThePortAndHowToPickAnother(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());

            Ended ended = run(Map.of("SERVER_PORT", port, "APP_DATA_DIR", dir.resolve("data").toString()), dir);

            assertOneClearLine(ended, "Port " + port, "already in use", "SERVER_PORT", "-Ddemo.port=");
        }
    }

    @Test
    void aDataFolderThatIsAFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("data"), "not a folder");

        Ended ended = run(Map.of("SERVER_PORT", "0", "APP_DATA_DIR", notAFolder.toString()), dir);

        assertOneClearLine(ended, notAFolder.toString(), "APP_DATA_DIR");
    }

    @Test
    void aDatabaseHeldByAnotherBackendIsOneLineSayingSo(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (ServerApp running = ServerApp.start(AppConfig.forDevelopment(data))) {
            Ended ended = run(Map.of("SERVER_PORT", "0", "APP_DATA_DIR", data.toString()), dir);

            assertOneClearLine(ended, "in use by another process", "APP_DATA_DIR");
            assertTrue(running.port() > 0);
        }
    }
}
