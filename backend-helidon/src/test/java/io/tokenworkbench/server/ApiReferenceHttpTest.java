package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route table of docs/api.md, the API reference inside the repository, against the server's own OpenAPI
 * document: the same routes, and for each the access the server declares named in words (issue 10, #10).
 */
class ApiReferenceHttpTest {

    private static final Path REFERENCE = Path.of("../docs/api.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ([A-Z, ]+) \\| (`[^|]+) \\| ([^|]+) \\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** "METHOD path" → the "who may call" words of the reference. */
    private static Map<String, String> documented() throws Exception {
        Map<String, String> routes = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(REFERENCE));
        while (row.find()) {
            Matcher path = CODE.matcher(row.group(2));
            while (path.find()) {
                for (String method : row.group(1).split(",\\s*")) {
                    routes.put(method.strip() + " " + path.group(1), row.group(3).strip());
                }
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> served() {
        try (TestServer server = TestServer.dev()) {
            Map<String, Object> document = new Yaml().load(server.get("/openapi", null).body());
            Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach(
                    (method, operation) -> {
                        if (!method.equals("parameters")) {
                            operations.put(method.toUpperCase(Locale.ROOT) + " " + path,
                                    (Map<String, Object>) operation);
                        }
                    }));
            return operations;
        }
    }

    @Test
    void theReferenceListsExactlyTheRoutesTheServerHas() throws Exception {
        assertEquals(new TreeSet<>(served().keySet()), new TreeSet<>(documented().keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteSaysInWordsWhoMayCallIt() throws Exception {
        Map<String, String> documented = documented();
        List<String> wrong = new ArrayList<>();
        served().forEach((route, operation) -> {
            String who = documented.getOrDefault(route, "");
            List<String> needed = new ArrayList<>();
            String level = String.valueOf(operation.get("x-access-level"));
            switch (level) {
                case "public" -> needed.add("anyone");
                case "staff", "superuser" -> needed.add(level);
                case "api-key" -> needed.add("X-API-Key");
                case "basic" -> needed.add("HTTP Basic");
                case "ip-allowlist" -> needed.add("allowed-ips");
                default -> { }
            }
            if (Boolean.TRUE.equals(operation.get("x-dev-mode-only"))) {
                needed.add("dev mode only");
            }
            if (operation.get("x-permission") != null) {
                needed.add("permission `" + operation.get("x-permission") + "`");
            } else if (operation.get("x-roles") instanceof List<?> roles) {
                roles.forEach(role -> needed.add("`" + role + "`"));
            }
            if (operation.get("x-narrowed-scope") != null) {
                needed.add("`" + operation.get("x-narrowed-scope") + "`");
            }
            if (Boolean.TRUE.equals(operation.get("x-totp-required"))) {
                needed.add("X-TOTP-Code");
            }
            for (Map<String, List<String>> requirement : (List<Map<String, List<String>>>) operation.get("security")) {
                requirement.getOrDefault("oauth2", List.of()).forEach(scope -> needed.add("`" + scope + "`"));
            }
            needed.stream().filter(word -> !who.contains(word))
                    .forEach(word -> wrong.add(route + ": '" + who + "' does not say " + word));
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
