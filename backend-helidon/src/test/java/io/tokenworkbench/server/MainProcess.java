package io.tokenworkbench.server;

import java.util.List;
import java.util.Map;

/** The backend as its users start it: {@code Main} in a child JVM with the given environment. */
final class MainProcess {

    private MainProcess() {
    }

    static ProcessBuilder builder(Map<String, String> environment) {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        builder.environment().putAll(environment);
        return builder;
    }
}
