package io.tokenworkbench.server;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tokenworkbench.server.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served OpenAPI document passes a strict OpenAPI 3 parser, and it and the route registry describe the same
 * operations with the same access levels, both ways; every operation documents its success body and its errors.
 */
class OpenApiHttpTest {

    /** Served by Helidon's health observer, not by the registry. */
    private static final String HEALTH = "GET /observe/health";

    private static TestServer server;
    private static String yaml;
    private static OpenAPI document;

    @BeforeAll
    static void load() {
        server = TestServer.dev();
        var response = server.get("/openapi", null);
        assertEquals(200, response.statusCode());
        yaml = response.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertEquals(List.of(), parsed.getMessages(), "the strict parser's complaints");
        document = parsed.getOpenAPI();
        assertNotNull(document);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new TreeMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    @Test
    void theDocumentAndTheRoutingHaveTheSameOperationsWithTheSameAccessLevels() {
        Map<String, String> documented = new TreeMap<>();
        operations().forEach((name, operation) -> documented.put(name,
                String.valueOf(operation.getExtensions() == null ? null
                        : operation.getExtensions().get("x-access-level"))));
        Map<String, String> routed = new TreeMap<>(server.app.routes().stream()
                .collect(Collectors.toMap(Route::toString, route -> route.gate().level())));
        routed.put(HEALTH, "public");

        assertEquals(routed, documented);
    }

    @Test
    void everyOperationDocumentsItsSuccessBodyAndItsErrorsWithExamples() {
        List<String> gaps = new ArrayList<>();
        operations().forEach((name, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            boolean success = responses.keySet().stream().anyMatch(status -> status.matches("[23].."));
            if (!success) {
                gaps.add(name + ": no success response");
            }
            responses.forEach((status, response) -> {
                if (status.equals("204") || status.startsWith("3") || response.getContent() == null && status.startsWith("2")
                        && operation.getOperationId().equals("health")) {
                    return;
                }
                if (response.getContent() == null || response.getContent().isEmpty()) {
                    gaps.add(name + " " + status + ": no body described");
                    return;
                }
                response.getContent().forEach((type, media) -> {
                    if (media.getSchema() == null) {
                        gaps.add(name + " " + status + " " + type + ": no schema");
                    }
                    if (!hasExample(media)) {
                        gaps.add(name + " " + status + " " + type + ": no example");
                    }
                });
            });
            if (!name.startsWith("GET /ping") && !name.equals(HEALTH) && operation.getSecurity() == null) {
                gaps.add(name + ": no security requirement");
            }
        });
        assertEquals(List.of(), gaps);
    }

    private static boolean hasExample(MediaType media) {
        return media.getExample() != null || media.getExamples() != null && !media.getExamples().isEmpty()
                || media.getSchema() != null && media.getSchema().getExample() != null;
    }

    @Test
    void theDocumentIsServedAsJsonToo() throws Exception {
        var json = server.get("/openapi?format=json", null);
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        var negotiated = server.send("GET", "/openapi", null, null, Map.of("Accept", "application/json"));
        assertEquals(json.body(), negotiated.body());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json.body(), null, new ParseOptions());
        assertEquals(List.of(), parsed.getMessages());
        assertEquals(new TreeSet<>(operations().keySet()), new TreeSet<>(parsedOperations(parsed.getOpenAPI())));
    }

    private static List<String> parsedOperations(OpenAPI api) {
        List<String> names = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((PathItem.HttpMethod method, Operation op) -> names.add(method.name() + " " + path)));
        return names;
    }
}
