package io.tokenworkbench.client.console;

import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.identity.Identity;
import io.tokenworkbench.client.identity.TokenSet;
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

    private static final Identity ALICE = Identity.withTokens("1", "alice", "alice", null,
            new TokenSet("tok", null, Instant.EPOCH, null, null), java.util.List.of(), "http://localhost:8080", null);

    @Test
    void headersBodyAndTheIdentitysBearerMakeTheRequest() {
        ApiRequest request = ALICE.authorize(ready(new ConsoleRequest("post", "/v1/posts",
                "X-Trace: 1\n\nAccept: application/json", "{\"title\":\"t\"}").build("http://localhost:8080/")));

        assertEquals("POST", request.method());
        assertEquals("http://localhost:8080/v1/posts", request.url());
        assertEquals("1", request.header("x-trace").orElseThrow());
        assertEquals("Bearer tok", request.header("Authorization").orElseThrow());
        assertEquals("application/json", request.header("Content-Type").orElseThrow());
    }

    @Test
    void anExplicitAuthorizationHeaderWins() {
        ApiRequest request = ALICE.authorize(ready(new ConsoleRequest("GET", "/v1/basic/hello",
                "Authorization: Basic Zm9vOmJhcg==", "").build("http://localhost:8080")));
        assertEquals("Basic Zm9vOmJhcg==", request.header("Authorization").orElseThrow());
    }

    @Test
    void anIdentitysCredentialsGoToItsOwnOriginOnlyUnlessAllowed() {
        ApiRequest elsewhere = ready(new ConsoleRequest("GET", "http://evil.example:9000/steal", "", "")
                .build("http://localhost:8080"));
        ApiRequest samePortSpelledOut = ready(new ConsoleRequest("GET", "http://LOCALHOST:8080/protected", "", "")
                .build("http://localhost:8080"));

        assertTrue(ALICE.authorize(elsewhere).header("Authorization").isEmpty(), "another origin gets nothing");
        assertEquals("Bearer tok", ALICE.authorize(samePortSpelledOut).header("Authorization").orElseThrow());
        assertEquals("Bearer tok", ALICE.allowingOriginOf("http://evil.example:9000/").authorize(elsewhere)
                .header("Authorization").orElseThrow(), "unless the user allowed it");
        Identity key = new Identity("2", "key", null, null, null, java.util.List.of(),
                new io.tokenworkbench.client.identity.Access.ApiKey(true, "api_key", "k-1234"), null,
                "http://localhost:8080", java.util.Set.of());
        assertFalse(key.authorize(elsewhere).url().contains("k-1234"));
    }

    @Test
    void historyKeepsRequestsWithTheirSecretsMasked() {
        io.tokenworkbench.client.http.Redaction.Known known = new io.tokenworkbench.client.http.Redaction.Known();
        known.add("fk_live_key_value");
        ConsoleRequest typed = new ConsoleRequest("POST", "/token?api_key=fk_live_key_value",
                "X-API-Key: fk_live_key_value\nAccept: application/json",
                "grant_type=password&username=alice&password=wonderland");

        ConsoleRequest kept = typed.redacted(known);

        String all = kept.path() + kept.headers() + kept.body();
        assertFalse(all.contains("wonderland") || all.contains("fk_live_key_value"), all);
        assertTrue(kept.body().contains("username=alice"), kept.body());
        assertTrue(kept.headers().contains("Accept: application/json"), kept.headers());
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
                "{\"title\":\"O'Brien\\n€\"}").build("http://localhost:8080"));

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
        return assertInstanceOf(ConsoleRequest.Built.Invalid.class, request.build("http://localhost:8080")).reason();
    }
}
