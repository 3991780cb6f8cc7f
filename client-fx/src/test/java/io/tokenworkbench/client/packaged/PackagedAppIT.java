package io.tokenworkbench.client.packaged;

import io.tokenworkbench.client.DevBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installable workbench (issue 11): the jpackage application image is built as {@code mvn -Ppackage package}
 * builds it, and its own launcher opens the window on a dev backend, on a virtual display; the .deb's maintainer
 * scripts install and remove it on a system without a desktop menu. Where a tool a test needs (Xvfb, xdotool,
 * dpkg-deb, fakeroot) is not installed, that test is skipped and says which.
 */
class PackagedAppIT {

    private static final Path IMAGE = Commands.ROOT.resolve("client-fx/target/package/token-workbench");
    private static final Path LAUNCHER = IMAGE.resolve("bin/token-workbench");

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();

    private static boolean installed(String program) throws Exception {
        return Commands.run(List.of("bash", "-c", "command -v " + program), Map.of(), Commands.ROOT,
                Duration.ofSeconds(10)).exit() == 0;
    }

    @Test
    void theApplicationImageOpensTheWorkbenchFromItsOwnLauncher(@TempDir Path home) throws Exception {
        Assumptions.assumeTrue(installed("Xvfb"), "Xvfb is not installed (apt-get install xvfb): no display to open "
                + "the packaged workbench on");
        Assumptions.assumeTrue(installed("xdotool"), "xdotool is not installed (apt-get install xdotool): no way to "
                + "see the packaged workbench's window");
        Commands.Ended built = Commands.run(List.of("bash", "client-fx/src/packaging/jpackage.sh", "0.1.0"), Map.of(),
                Commands.ROOT, Duration.ofMinutes(10));
        assertEquals(0, built.exit(), built.toString());
        assertTrue(Files.isExecutable(LAUNCHER), built.toString());
        assertTrue(Files.isDirectory(IMAGE.resolve("lib/runtime")), "the image carries its own Java runtime");

        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(home.resolve("xvfb.log").toFile()).start();
        Process app = null;
        try {
            String display = ":" + readyDisplay(xvfb, home.resolve("xvfb.log"));
            Map<String, String> env = Map.of("DISPLAY", display, "XDG_CONFIG_HOME", home.toString());
            ProcessBuilder launch = new ProcessBuilder(LAUNCHER.toString(), "--server", backend.baseUrl())
                    .redirectErrorStream(true).redirectOutput(home.resolve("app.log").toFile());
            launch.environment().putAll(env);
            app = launch.start();
            Commands.Ended window = Commands.run(List.of("timeout", "90", "xdotool", "search", "--sync", "--name",
                    "Token Workbench"), env, Commands.ROOT, Duration.ofMinutes(2));
            assertEquals(0, window.exit(), "no workbench window appeared; the app said:\n"
                    + Files.readString(home.resolve("app.log")));
            assertTrue(app.isAlive());
            assertFalse(Files.readString(home.resolve("app.log")).contains("WARNING"), "a clean start");
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor(20, TimeUnit.SECONDS);
                app.destroyForcibly();
            }
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDebianPackageInstallsWhereThereIsNoDesktopMenu(@TempDir Path scripts) throws Exception {
        Assumptions.assumeTrue(installed("dpkg-deb") && installed("fakeroot"), "dpkg-deb or fakeroot is not "
                + "installed (apt-get install dpkg-dev fakeroot): jpackage builds no .deb without them");
        Path deb = IMAGE.resolveSibling("token-workbench_0.1.0_amd64.deb");
        if (!Files.exists(deb)) {
            Commands.Ended built = Commands.run(List.of("bash", "client-fx/src/packaging/jpackage.sh", "0.1.0"),
                    Map.of(), Commands.ROOT, Duration.ofMinutes(10));
            assertEquals(0, built.exit(), built.toString());
        }
        Commands.Ended extracted = Commands.run(List.of("dpkg-deb", "-e", deb.toString(), scripts.toString()),
                Map.of(), Commands.ROOT, Duration.ofMinutes(1));
        assertEquals(0, extracted.exit(), extracted.toString());
        for (String script : List.of("postinst", "prerm")) {
            Commands.Ended parsed = Commands.run(List.of("sh", "-n", scripts.resolve(script).toString()), Map.of(),
                    Commands.ROOT, Duration.ofSeconds(10));
            assertEquals(0, parsed.exit(), script + " is not valid sh: " + parsed);
        }
        Path postinst = scripts.resolve("postinst");
        Path fakeMenuTool = scripts.resolve("bin/xdg-desktop-menu");
        Files.createDirectories(fakeMenuTool.getParent());
        Files.writeString(fakeMenuTool, "#!/bin/sh\necho 'No writable system menu directory found.' >&2\nexit 3\n");
        fakeMenuTool.toFile().setExecutable(true);
        Commands.Ended configured = Commands.run(List.of("sh", postinst.toString(), "configure"),
                Map.of("PATH", fakeMenuTool.getParent() + ":" + System.getenv("PATH")), Commands.ROOT,
                Duration.ofSeconds(10));
        assertEquals(0, configured.exit(), "a failing menu tool must not fail the installation: " + configured);
        assertTrue(configured.toString().contains("start /opt/token-workbench/bin/token-workbench"),
                configured.toString());
    }

    /**
     * The display number Xvfb writes to {@code -displayfd} once it accepts clients: it picks a free number itself,
     * and nothing connects before the server is listening.
     */
    private static String readyDisplay(Process xvfb, Path log) throws Exception {
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String display = number.get(60, TimeUnit.SECONDS);
        assertNotNull(display, "Xvfb did not start: " + Files.readString(log));
        return display.strip();
    }
}
