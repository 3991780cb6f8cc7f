package io.tokenworkbench.server;

import io.helidon.logging.common.LogConfig;
import io.tokenworkbench.model.dev.ReadyLine;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.config.ConfigException;
import io.tokenworkbench.server.dev.DevSeed;

/** Starts the backend as configured by {@code application.yaml} and the environment. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        AppConfig config;
        ServerApp app;
        try {
            config = AppConfig.load();
            app = ServerApp.start(config);
        } catch (ConfigException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (StartupException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            // Pool and server threads may already run; without an exit the process would linger, never ready.
            System.err.println("Cannot start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        if (config.devMode()) {
            StringBuilder identities = new StringBuilder("Dev mode: demo identities (username / password):");
            DevSeed.IDENTITIES.forEach(identity -> identities.append("\n  ").append(identity.username()).append(" / ")
                    .append(identity.password()).append("   ").append(String.join(",", identity.roles()))
                    .append(identity.superuser() ? ", superuser" : identity.staff() ? ", staff" : ""));
            System.out.println(identities);
        }
        config.listeningNotice().ifPresent(System.out::println);
        System.out.println(ReadyLine.of(app.baseUrl(), config.devMode()));
        // Scripts and supervisors wait for this line; when stdout is a pipe it must not sit in a buffer.
        System.out.flush();
    }
}
