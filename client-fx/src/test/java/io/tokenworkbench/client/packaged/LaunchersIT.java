package io.tokenworkbench.client.packaged;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers in bin/ as a user meets them: they find a Java 25 although the default java is older, say what to
 * install when there is none, and the backend and the demo fail loudly (issue 10, #1, #4).
 */
class LaunchersIT {

    private static final Path WORKBENCH = Commands.ROOT.resolve("bin/token-workbench");
    private static final Path BACKEND = Commands.ROOT.resolve("bin/token-workbench-backend");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** The environment minus every way of naming a JDK, plus {@code extra}. */
    private static Map<String, String> withoutJdkHints(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(name -> name.matches("JAVA\\w*_HOME|TOKEN_WORKBENCH_\\w+"))
                .forEach(name -> env.put(name, null));
        env.putAll(extra);
        return env;
    }

    /** A java of version 17 as the launchers see one: it answers the version question and nothing else. */
    private static Path oldJava(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("old-jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    @Test
    void theWorkbenchStartsThroughTheLauncherWhenJavaHomeAndPathNameAnOlderJava(@TempDir Path dir) throws Exception {
        Path old = oldJava(dir);

        Commands.Ended help = Commands.run(List.of(WORKBENCH.toString(), "--help"), withoutJdkHints(Map.of(
                "JAVA_HOME", old.getParent().getParent().toString(),
                "PATH", old.getParent() + ":" + System.getenv("PATH"))), dir, TIMEOUT);

        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().startsWith("Usage: token-workbench"), help.toString());
        assertEquals("", help.err(), "no warning, no noise");
    }

    @Test
    void withoutAnyJava25TheLauncherSaysWhatToInstall(@TempDir Path dir) throws Exception {
        Path old = oldJava(dir);

        Commands.Ended ended = Commands.run(List.of(WORKBENCH.toString(), "--help"), withoutJdkHints(Map.of(
                "JAVA_HOME", old.getParent().getParent().toString(), "TOKEN_WORKBENCH_JDK_DIRS", "",
                "HOME", dir.toString(), "PATH", old.getParent() + ":/usr/bin:/bin")), dir, TIMEOUT);

        assertEquals(1, ended.exit(), ended.toString());
        assertTrue(ended.err().startsWith("Token Workbench needs Java 25 or later, and none was found."), ended.err());
        assertTrue(ended.err().contains(old + " (Java 17)"), ended.err());
        assertTrue(ended.err().contains("Install a JDK 25"), ended.err());
    }

    @Test
    void theBackendLauncherEndsWithOneLineWhenItsPortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Commands.Ended ended = Commands.run(List.of(BACKEND.toString()), Map.of("APP_DEV_MODE", "true",
                    "SERVER_HOST", "127.0.0.1", "SERVER_PORT", Integer.toString(taken.getLocalPort()),
                    "APP_DATA_DIR", dir.resolve("data").toString()), dir, TIMEOUT);

            assertEquals(1, ended.exit(), ended.toString());
            assertEquals("Cannot start: Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use",
                    ended.err().strip().lines().findFirst().orElse("").split(" \\(or")[0]);
            assertFalse(ended.out().contains("ready at"), ended.toString());
        }
    }

    @Test
    void theDemoNeverOpensTheWorkbenchOnAServerItDidNotStart(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Commands.Ended ended = Commands.run(List.of(WORKBENCH.toString(), "demo", "--port",
                    Integer.toString(taken.getLocalPort()), "--data-dir", dir.resolve("data").toString()),
                    Map.of("DISPLAY", ""), dir, TIMEOUT);

            assertEquals(1, ended.exit(), ended.toString());
            assertTrue(ended.out().contains("Cannot start: Port " + taken.getLocalPort()), ended.toString());
            assertTrue(ended.err().contains("The workbench stays closed rather than open on a server the demo did "
                    + "not start."), ended.toString());
        }
    }
}
