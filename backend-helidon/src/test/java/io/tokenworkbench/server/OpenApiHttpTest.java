package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served OpenAPI document describes every route the server has, with its access level. */
class OpenApiHttpTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedWithItsAccessLevel() {
        try (TestServer server = TestServer.dev()) {
            var response = server.get("/openapi", null);
            assertEquals(200, response.statusCode());
            Map<String, Object> document = new Yaml().load(response.body());
            Map<String, Object> paths = (Map<String, Object>) document.get("paths");
            assertTrue(paths.containsKey("/observe/health"));
            assertEquals(HostileInputHttpTest.ROUTES.size() + 1, paths.values().stream()
                    .mapToLong(item -> ((Map<String, Object>) item).keySet().stream()
                            .filter(key -> !key.equals("parameters")).count())
                    .sum(), "no undocumented and no extra operations");
            for (String route : HostileInputHttpTest.ROUTES) {
                String method = route.split(" ")[0].toLowerCase(Locale.ROOT);
                String path = route.split(" ")[1];
                Map<String, Object> item = (Map<String, Object>) paths.get(path);
                assertTrue(item != null && item.containsKey(method), route + " is not documented");
                Map<String, Object> operation = (Map<String, Object>) item.get(method);
                assertTrue(operation.containsKey("x-access-level"), route + " has no x-access-level");
                assertTrue(operation.containsKey("security"), route + " has no security requirement");
            }
        }
    }
}
