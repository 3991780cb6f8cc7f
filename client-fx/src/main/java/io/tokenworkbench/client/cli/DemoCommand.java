package io.tokenworkbench.client.cli;

import io.tokenworkbench.client.demo.DevBackendProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code demo}: starts the dev backend (embedded database, demo identities) in a child process, waits until it says
 * it is ready, opens the workbench on the address it printed, and stops it when the window closes. A backend that
 * does not start ends the demo with its reason and exit code 1: the workbench never opens on a server the demo did
 * not start (another program on the port, say).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  token-workbench demo --port 8081", sortOptions = false,
        description = {"Starts the dev backend on the embedded database and opens the workbench on it; closing "
                + "the window stops the backend.",
                "Exit code: 0 closed normally, 1 the backend did not start, 2 the backend jar is missing."})
public final class DemoCommand implements Callable<Integer> {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the dev backend, on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the embedded database and dev keys live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--backend-jar", paramLabel = "JAR",
            description = "The backend to start (default: backend-helidon/target/backend-helidon.jar of this build).")
    Path backendJar;

    private PrintStream out;
    private PrintStream err;
    private Consumer<String> openWorkbench;

    /** Runs the command; {@code openWorkbench} shows the window on a server URL and returns when it closes. */
    public static int run(PrintStream out, PrintStream err, Consumer<String> openWorkbench, String... args) {
        DemoCommand command = new DemoCommand();
        command.out = out;
        command.err = err;
        command.openWorkbench = openWorkbench;
        CommandLine commandLine = new CommandLine(command).setCommandName("token-workbench demo");
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Optional<Path> jar = Optional.ofNullable(backendJar).or(DemoCommand::besideThisBuild);
        if (jar.isEmpty() || !Files.isRegularFile(jar.get())) {
            err.println("The backend jar " + jar.map(Path::toString).orElse("of this build") + " is missing: build it "
                    + "first (mvn -DskipTests package) or name it with --backend-jar.");
            return CheckCommand.UNUSABLE;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.get().toString());
        Map<String, String> environment = Map.of("APP_DEV_MODE", "true", "SERVER_HOST", "127.0.0.1",
                "SERVER_PORT", Integer.toString(port), "APP_DATA_DIR", dataDir.toAbsolutePath().toString());
        switch (DevBackendProcess.start(command, environment, out::println, READY_TIMEOUT)) {
            case DevBackendProcess.Start.Failed failed -> {
                err.println(failed.exitCode() < 0
                        ? "The demo's backend did not say it was ready within " + READY_TIMEOUT.toMinutes()
                        + " minutes and was stopped."
                        : "The demo's backend did not start (exit " + failed.exitCode() + "); see its last line above.");
                err.println("The workbench stays closed rather than open on a server the demo did not start.");
                return CheckCommand.FAILED;
            }
            case DevBackendProcess.Start.Ready(DevBackendProcess backend, String url) -> {
                Thread stopOnExit = new Thread(backend::close, "stop-demo-backend");
                Runtime.getRuntime().addShutdownHook(stopOnExit);
                try {
                    openWorkbench.accept(url);
                } finally {
                    backend.close();
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                }
                return CheckCommand.PASSED;
            }
        }
    }

    /** {@code backend-helidon/target/backend-helidon.jar} when this runs from {@code client-fx/target/client-fx.jar}. */
    private static Optional<Path> besideThisBuild() {
        var source = DemoCommand.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path self = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                return Optional.empty();
            }
            return Optional.ofNullable(self.getParent()).map(Path::getParent).map(Path::getParent)
                    .map(root -> root.resolve("backend-helidon/target/backend-helidon.jar"));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
