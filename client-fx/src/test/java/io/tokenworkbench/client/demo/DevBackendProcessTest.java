package io.tokenworkbench.client.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's backend supervisor against the real backend in a child JVM (issue 10, #1). */
class DevBackendProcessTest {

    private static final List<String> BACKEND = List.of(ProcessHandle.current().info().command().orElse("java"),
            "-cp", System.getProperty("java.class.path"), "io.tokenworkbench.server.Main");

    private final List<String> printed = new CopyOnWriteArrayList<>();

    private DevBackendProcess.Start start(Path dataDir, int port) throws Exception {
        return DevBackendProcess.start(BACKEND, Map.of("APP_DEV_MODE", "true", "SERVER_HOST", "127.0.0.1",
                "SERVER_PORT", Integer.toString(port), "APP_DATA_DIR", dataDir.toString()), printed::add,
                Duration.ofMinutes(2));
    }

    @Test
    void aBackendThatStartsIsServingAtTheAddressItPrintedAndStopsWhenClosed(@TempDir Path dir) throws Exception {
        var ready = assertInstanceOf(DevBackendProcess.Start.Ready.class, start(dir, 0));
        try (DevBackendProcess backend = ready.backend()) {
            HttpResponse<String> ping = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ready.url() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertTrue(printed.stream().anyMatch(line -> line.contains("alice / alice-password-1")), "passed on");

            backend.close();

            assertFalse(backend.isAlive());
        }
    }

    @Test
    void aBackendThatCannotBindItsPortIsAFailureWithItsReason(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            var failed = assertInstanceOf(DevBackendProcess.Start.Failed.class, start(dir, taken.getLocalPort()));

            assertEquals(1, failed.exitCode());
            assertTrue(failed.lastLines().getLast().startsWith("Cannot start: Port " + taken.getLocalPort()),
                    failed.lastLines().toString());
        }
    }
}
