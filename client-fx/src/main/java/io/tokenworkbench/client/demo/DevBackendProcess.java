package io.tokenworkbench.client.demo;

import io.tokenworkbench.model.dev.ReadyLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A backend in a child process, started and watched until it prints its {@link ReadyLine} or gives up. Its output
 * is passed on line by line as it comes. Closing it stops the process (politely, then forcibly).
 */
public final class DevBackendProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Process process;

    private DevBackendProcess(Process process) {
        this.process = process;
    }

    /** How starting ended. */
    public sealed interface Start {
        /** Serving at {@code url}; close the backend when done with it. */
        record Ready(DevBackendProcess backend, String url) implements Start {
        }

        /**
         * It never became ready: it exited ({@code exitCode}), or did not say it was ready in time (-1, and it was
         * stopped); {@code lastLines} is the end of what it printed.
         */
        record Failed(int exitCode, List<String> lastLines) implements Start {
        }
    }

    /** Starts {@code command} with {@code environment} added and waits for the ready line, at most {@code timeout}. */
    public static Start start(List<String> command, Map<String, String> environment, Consumer<String> output,
                              Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("backend-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.accept(line);
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                    ReadyLine.url(line).ifPresent(ready::complete);
                }
            } catch (IOException e) {
                // the process went away; its exit code tells the rest
            }
            ready.complete(null);
        });
        String url = await(ready, timeout);
        if (url != null) {
            return new Start.Ready(new DevBackendProcess(process), url);
        }
        // Its output ended (it is exiting) or it never said it was ready (it is stopped); either way it ends here.
        int exitCode = ready.isDone() ? exitCodeOf(process) : -1;
        new DevBackendProcess(process).close();
        synchronized (lastLines) {
            return new Start.Failed(exitCode, List.copyOf(lastLines));
        }
    }

    private static String await(CompletableFuture<String> ready, Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static int exitCodeOf(Process process) {
        try {
            return process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the backend: a TERM (its shutdown hook closes the database), then a KILL if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
