package io.tokenworkbench.client;

import io.tokenworkbench.client.app.AppContext;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.server.ServerApp;
import io.tokenworkbench.server.config.AppConfig;
import javafx.application.Platform;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A real dev-mode backend for a test class: started on a free port with a fresh database folder before the class's
 * tests, stopped and deleted after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DevBackend backend = DevBackend.withoutRateLimits();
 * }</pre>
 */
public final class DevBackend implements BeforeAllCallback, AfterAllCallback {

    private final boolean rateLimits;
    private Path dataDir;
    private ServerApp app;

    private DevBackend(boolean rateLimits) {
        this.rateLimits = rateLimits;
    }

    /** For tests that log in often: the token endpoint's 10 a minute would get in their way. */
    public static DevBackend withoutRateLimits() {
        return new DevBackend(false);
    }

    /** As the demo runs it. */
    public static DevBackend withRateLimits() {
        return new DevBackend(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("twb-test-backend");
        app = ServerApp.start(AppConfig.forDevelopment(dataDir).withRateLimitsEnabled(rateLimits));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (app != null) {
            app.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public String baseUrl() {
        return app.baseUrl();
    }

    /** A workbench context on this backend as the app builds it: the FX thread for results, virtual threads for work. */
    public AppContext workbenchContext(Path configDir) {
        return new AppContext(baseUrl(), configDir, Clock.systemUTC(), Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), ApiClient.create());
    }
}
