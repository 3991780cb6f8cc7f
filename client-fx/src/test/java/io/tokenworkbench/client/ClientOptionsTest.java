package io.tokenworkbench.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ClientOptionsTest {

    @Test
    void theServerDefaultsToTheLocalDevBackend() {
        var run = assertInstanceOf(ClientOptions.Parsed.Run.class, ClientOptions.parse());
        assertEquals("http://localhost:8080", run.options().server());
    }

    @Test
    void aServerCanBeNamed() {
        var run = assertInstanceOf(ClientOptions.Parsed.Run.class, ClientOptions.parse("--server", "https://api.example"));
        assertEquals("https://api.example", run.options().server());
    }

    @Test
    void helpExitsZeroAndUnknownOptionsExitTwo() {
        assertEquals(0, assertInstanceOf(ClientOptions.Parsed.Exit.class, ClientOptions.parse("--help")).code());
        assertEquals(2, assertInstanceOf(ClientOptions.Parsed.Exit.class, ClientOptions.parse("--bogus")).code());
    }
}
