package io.tokenworkbench.client.console;

import io.tokenworkbench.client.http.ApiRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleRequestTest {

    @Test
    void headersBodyAndBearerMakeTheRequest() {
        ApiRequest request = ready(new ConsoleRequest("post", "/v1/posts", "X-Trace: 1\n\nAccept: application/json",
                "{\"title\":\"t\"}").build("http://localhost:8080/", "tok"));

        assertEquals("POST", request.method());
        assertEquals("http://localhost:8080/v1/posts", request.url());
        assertEquals("1", request.header("x-trace").orElseThrow());
        assertEquals("Bearer tok", request.header("Authorization").orElseThrow());
        assertEquals("application/json", request.header("Content-Type").orElseThrow());
    }

    @Test
    void anExplicitAuthorizationHeaderWins() {
        ApiRequest request = ready(new ConsoleRequest("GET", "/v1/basic/hello", "Authorization: Basic Zm9vOmJhcg==", "")
                .build("http://localhost:8080", "tok"));
        assertEquals("Basic Zm9vOmJhcg==", request.header("Authorization").orElseThrow());
    }

    @Test
    void badInputIsExplained() {
        assertTrue(invalid(new ConsoleRequest("G E T", "/x", "", "")).contains("method"));
        assertTrue(invalid(new ConsoleRequest("GET", " ", "", "")).contains("path"));
        assertTrue(invalid(new ConsoleRequest("GET", "/x", "no colon here", "")).contains("line 1"));
        assertTrue(invalid(new ConsoleRequest("GET", "/x", "Ok: 1\nBad Name: 2", "")).contains("line 2"));
        assertFalse(new ConsoleRequest("POST", "/x", "", "{broken").bodyIsJson());
    }

    @Test
    void curlQuotesEverythingForAPosixShell() {
        ApiRequest request = ready(new ConsoleRequest("POST", "/v1/posts", "X-Note: it's $HOME",
                "{\"title\":\"O'Brien\\n€\"}").build("http://localhost:8080", null));

        String curl = CurlCommand.of(request);

        assertEquals("curl -i -X 'POST' -H 'X-Note: it'\\''s $HOME' -H 'Content-Type: application/json' "
                + "--data-raw '{\"title\":\"O'\\''Brien\\n€\"}' 'http://localhost:8080/v1/posts'", curl);
    }

    @Test
    void historySurvivesARestartAndADamagedFileStartsAfresh(@TempDir Path configDir) throws Exception {
        RequestHistory first = new RequestHistory(configDir);
        first.add(new RequestHistory.Entry(new ConsoleRequest("GET", "/ping", "", ""), "anonymous", 200, Instant.EPOCH));

        RequestHistory reopened = new RequestHistory(configDir);
        assertEquals("/ping", reopened.entries().getFirst().request().path());
        assertEquals(io.tokenworkbench.client.support.OwnerOnlyFiles.OWNER_ONLY,
                Files.getPosixFilePermissions(configDir.resolve("console-history.json")));

        Files.writeString(configDir.resolve("console-history.json"), "[{oops");
        RequestHistory damaged = new RequestHistory(configDir);
        assertTrue(damaged.entries().isEmpty());
        assertNotNull(damaged.loadProblem());
    }

    private static ApiRequest ready(ConsoleRequest.Built built) {
        return assertInstanceOf(ConsoleRequest.Built.Ready.class, built).request();
    }

    private static String invalid(ConsoleRequest request) {
        return assertInstanceOf(ConsoleRequest.Built.Invalid.class, request.build("http://localhost:8080", null)).reason();
    }
}
