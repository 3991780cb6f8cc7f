package io.tokenworkbench.server;

import io.tokenworkbench.server.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request framing over a raw socket (RFC 9112 §6): every ambiguous or broken frame is refused with a 4xx problem and
 * a closed connection, so the bytes after it are never served as another request; nothing is a 500 and nothing a
 * client can trigger logs a warning.
 */
class RequestFramingHttpTest {

    private static final String POST = "POST /v1/auth/token HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n";
    /** A pipelined request that must never be answered after a refused frame. */
    private static final String SMUGGLED = "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final int PATIENCE = 15_000;

    private static TestServer server;
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        server = TestServer.dev();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(collector);
    }

    @AfterEach
    void quiet() {
        Logger.getLogger("").removeHandler(collector);
        assertEquals(List.of(), warnings.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                "nothing a client sends may log a warning");
    }

    private static RawHttp.Conversation send(String raw) throws IOException {
        return RawHttp.converse(server.app.port(), raw.getBytes(StandardCharsets.ISO_8859_1), false, PATIENCE);
    }

    private static void assertRefusedAndClosed(RawHttp.Conversation reply, String status, String detail) {
        assertTrue(reply.firstStatusLine().startsWith("HTTP/1.1 " + status), reply.text());
        assertTrue(reply.text().contains("application/problem+json"), reply.text());
        assertTrue(reply.text().contains(detail), reply.text());
        assertTrue(reply.text().toLowerCase().contains("connection: close"), reply.text());
        assertTrue(reply.closed(), "the server must close the connection: " + reply.text());
        assertEquals(1, reply.responses(), "the pipelined request must not be served: " + reply.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Content-Length and Transfer-Encoding | Content-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400 | together
            two Content-Lengths                  | Content-Length: 3\\r\\nContent-Length: 10\\r\\n\\r\\nabcdefghij     | 400 | more than once
            two equal Content-Lengths            | Content-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc              | 400 | more than once
            a signed Content-Length              | Content-Length: +5\\r\\n\\r\\nabcde                                  | 400 | decimal
            a negative Content-Length            | Content-Length: -1\\r\\n\\r\\n                                       | 400 | decimal
            a list as Content-Length             | Content-Length: 3, 3\\r\\n\\r\\nabc                                  | 400 | decimal
            chunked not last                     | Transfer-Encoding: chunked, gzip\\r\\n\\r\\n0\\r\\n\\r\\n            | 400 | end with chunked
            an unknown coding before chunked     | Transfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n            | 501 | Only Transfer-Encoding
            a chunk size that is no number       | Transfer-Encoding: chunked\\r\\n\\r\\nZZ\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400 | chunked framing
            """)
    void anAmbiguousOrBrokenFrameIsRefusedAndEndsTheConnection(String name, String framing, String status,
                                                               String detail) throws IOException {
        String raw = POST + framing.replace("\\r\\n", "\r\n") + SMUGGLED;

        assertRefusedAndClosed(send(raw), status, detail);
    }

    @Test
    void aChunkLongerThanTheDataEndsTheConnectionQuietlyWhenTheClientStopsSending() throws IOException {
        String raw = POST + "Transfer-Encoding: chunked\r\n\r\n10\r\nabc\r\n0\r\n\r\n";

        RawHttp.Conversation reply = RawHttp.converse(server.app.port(), raw.getBytes(StandardCharsets.ISO_8859_1),
                true, PATIENCE);

        assertTrue(reply.closed());
        assertFalse(reply.text().contains(" 500 "), reply.text());
    }

    @Test
    void wellFormedChunkedAndPipelinedRequestsAreStillServed() throws IOException {
        String body = "grant_type=password&username=alice&password=alice-password-1";
        String raw = POST + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\n\r\n" + SMUGGLED.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");

        RawHttp.Conversation reply = send(raw);

        assertTrue(reply.firstStatusLine().startsWith("HTTP/1.1 200"), reply.text());
        assertTrue(reply.text().contains("access_token"), reply.text());
        assertEquals(2, reply.responses(), reply.text());
        assertTrue(reply.text().contains("\"pong\"") || reply.text().contains("pong"), reply.text());
    }

    @Test
    void http10IsRefusedWithAnHonestReason() throws IOException {
        RawHttp.Conversation reply = send("GET /ping HTTP/1.0\r\n\r\n");

        assertTrue(reply.firstStatusLine().contains(" 505 "), reply.text());
        assertTrue(reply.text().contains("send the request as HTTP/1.1"), reply.text());
        assertFalse(reply.text().contains("failure is logged"), reply.text());
        assertTrue(reply.closed());
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequest() throws IOException {
        RawHttp.Conversation reply = send("GET /v1/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\r\n"
                + "Authorization: Bearer b\r\nConnection: close\r\n\r\n");

        assertTrue(reply.firstStatusLine().startsWith("HTTP/1.1 400"), reply.text());
        assertTrue(reply.text().contains("error=\"invalid_request\""), reply.text());
        assertTrue(reply.text().contains("\"error\":\"invalid_request\""), reply.text());
    }

    @Test
    void aClientWhoseHeadersTrickleInLosesItsConnectionAfterTheHeaderTimeout() throws Exception {
        try (TestServer strict = TestServer.start(config -> config.withRateLimitsEnabled(false)
                .withServer(new AppConfig.ServerSettings(config.server().host(), 0, config.server().publicUrl(),
                        config.server().idleTimeout(), Duration.ofSeconds(1), config.server().requestTimeout())))) {
            RawHttp.Conversation reply = RawHttp.converse(strict.app.port(),
                    "GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1), false,
                    PATIENCE);

            assertTrue(reply.closed(), "the server must drop a request whose headers never end");
            assertEquals(0, reply.responses(), reply.text());
        }
    }

    @Test
    void aClientWhoseBodyTricklesInLosesItsConnectionAfterTheRequestTimeout() throws Exception {
        try (TestServer strict = TestServer.start(config -> config.withRateLimitsEnabled(false)
                .withServer(new AppConfig.ServerSettings(config.server().host(), 0, config.server().publicUrl(),
                        config.server().idleTimeout(), config.server().headerTimeout(), Duration.ofSeconds(1))))) {

            RawHttp.Conversation reply = RawHttp.converse(strict.app.port(), (POST + "Content-Length: 100\r\n\r\n"
                    + "grant_type=pass").getBytes(StandardCharsets.ISO_8859_1), false, PATIENCE);

            assertTrue(reply.closed(), "the server must drop a request whose body never ends");
            assertEquals(0, reply.responses(), reply.text());
        }
    }
}
