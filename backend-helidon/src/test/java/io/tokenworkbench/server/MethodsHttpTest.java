package io.tokenworkbench.server;

import io.helidon.http.Method;
import io.tokenworkbench.server.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 9110's methods across the whole route registry: HEAD answers every GET route with the GET's status and
 * headers and no body (§9.3.2), another method on a known path is 405 with {@code Allow} (§15.5.6), and
 * {@code OPTIONS} says what the path allows (§9.3.7).
 */
class MethodsHttpTest {

    private static TestServer server;
    private static String root;

    @BeforeAll
    static void start() {
        server = TestServer.dev();
        root = server.accessToken("root");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The registry of the class's server (started before JUnit asks for the arguments). */
    static List<Route> routes() {
        return server.app.routes();
    }

    static List<String> paths() {
        return routes().stream().map(Route::path).distinct().toList();
    }

    static List<Route> getRoutes() {
        return routes().stream().filter(route -> route.method() == Method.GET).toList();
    }

    private static Set<String> allowedOn(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : server.app.routes()) {
            if (route.path().equals(path)) {
                allowed.add(route.method().text());
                if (route.method() == Method.GET) {
                    allowed.add("HEAD");
                }
            }
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    private static Set<String> allowHeader(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String concrete(String path) {
        return path.replace("{id}", "1");
    }

    @ParameterizedTest(name = "HEAD {0}")
    @MethodSource("getRoutes")
    void headAnswersLikeGetWithoutABody(Route route) throws IOException {
        String path = concrete(route.path());
        HttpResponse<String> get = server.send("GET", path, root, null);

        String head = "HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + root + "\r\n"
                + "Connection: close\r\n\r\n";
        RawHttp.Conversation reply = RawHttp.converse(server.app.port(), head.getBytes(StandardCharsets.ISO_8859_1),
                false, 15_000);

        assertTrue(reply.firstStatusLine().startsWith("HTTP/1.1 " + get.statusCode() + " "), reply.text());
        String afterHeaders = reply.text().substring(reply.text().indexOf("\r\n\r\n") + 4);
        assertEquals("", afterHeaders, "a HEAD response has no body");
        String headers = reply.text().toLowerCase(Locale.ROOT);
        get.headers().firstValue("Content-Type").ifPresent(type ->
                assertTrue(headers.contains("content-type: " + type.toLowerCase(Locale.ROOT)), reply.text()));
        if (!route.path().equals("/v1/admin/audit") && !route.path().equals("/v1/dev/outbox")
                && !route.path().equals("/observe/health")) {
            assertTrue(headers.contains("content-length: " + get.body().getBytes(StandardCharsets.UTF_8).length),
                    "the GET's length: " + reply.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void anotherMethodIs405WithAllowAndOptionsSaysTheSame(String path) {
        Set<String> allowed = allowedOn(path);
        String other = new LinkedHashSet<>(List.of("PATCH", "DELETE", "PUT", "POST")).stream()
                .filter(method -> !allowed.contains(method)).findFirst().orElseThrow();

        HttpResponse<String> refused = server.send(other, concrete(path), root, "{}");
        HttpResponse<String> options = server.send("OPTIONS", concrete(path), null, null);

        assertEquals(405, refused.statusCode(), other + " " + path + ": " + refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals(allowed, allowHeader(refused.headers().firstValue("Allow").orElse("")));
        assertEquals(204, options.statusCode(), options.body());
        assertEquals(allowed, allowHeader(options.headers().firstValue("Allow").orElse("")));
    }
}
