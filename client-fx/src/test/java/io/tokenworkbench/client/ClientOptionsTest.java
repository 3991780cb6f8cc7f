package io.tokenworkbench.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ClientOptions.Parsed parse(String... args) {
        return ClientOptions.parse(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void theServerDefaultsToTheLocalDevBackend() {
        var run = assertInstanceOf(ClientOptions.Parsed.Run.class, parse());
        assertEquals("http://localhost:8080", run.options().server());
    }

    @Test
    void aServerCanBeNamed() {
        var run = assertInstanceOf(ClientOptions.Parsed.Run.class, parse("--server", "https://api.example"));
        assertEquals("https://api.example", run.options().server());
    }

    @Test
    void theHelpNamesEveryCommandWithWhatItDoesAndExamples() {
        assertEquals(0, assertInstanceOf(ClientOptions.Parsed.Exit.class, parse("--help")).code());

        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"check", "discover", "demo"}) {
            assertTrue(help.matches("(?s).*\\n  " + command + " +\\S.*"), command + " with a description:\n" + help);
            assertTrue(help.contains("token-workbench " + command), command + " in an example:\n" + help);
        }
        assertTrue(help.contains("--server"), help);
    }

    @Test
    void anUnknownCommandSuggestsTheNearestOne() {
        assertEquals(2, assertInstanceOf(ClientOptions.Parsed.Exit.class, parse("chek")).code());

        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("Unknown command 'chek'."), said);
        assertTrue(said.contains("Did you mean: token-workbench check?"), said);
    }

    @Test
    void anUnknownOptionSuggestsTheNearestOne() {
        assertEquals(2, assertInstanceOf(ClientOptions.Parsed.Exit.class, parse("--sever", "x")).code());

        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("Unknown option '--sever'."), said);
        assertTrue(said.contains("--server"), said);
    }
}
