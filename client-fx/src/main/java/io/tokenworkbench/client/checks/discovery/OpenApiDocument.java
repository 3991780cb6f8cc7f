package io.tokenworkbench.client.checks.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an OpenAPI 3.0 or 3.1 document that access checks need, as FastAPI, Spring and others publish it:
 * the operations with their request bodies, and who may call each — the security schemes by {@code type}, the
 * document's {@code security}, each operation's own, and our {@code x-access-level}-style extensions.
 */
final class OpenApiDocument {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What kind of credential a security scheme asks for. */
    enum CredentialKind { BEARER, BASIC, API_KEY, COOKIE }

    /** A security scheme of {@code components.securitySchemes}. */
    record Scheme(String name, CredentialKind kind, boolean scoped) {
    }

    /** One requirement: every scheme in it, each with the scopes it needs. Empty: no credentials needed. */
    record Requirement(Map<Scheme, List<String>> schemes) {
        boolean isOptional() {
            return schemes.isEmpty();
        }
    }

    /**
     * One operation.
     *
     * @param path     the path with its parameters filled with a placeholder value
     * @param template the path as the document writes it, e.g. {@code /items/{item_id}}
     * @param security the requirements, any of which admits a caller; empty: public
     */
    record Operation(String name, String method, String path, String template, JsonNode spec, JsonNode body,
                     boolean form, int success, List<Requirement> security) {

        boolean isPublic() {
            return security.isEmpty() || security.stream().anyMatch(Requirement::isOptional);
        }

        /** Whether the operation requires query parameters, whose values a generated check could only guess. */
        boolean needsQueryParameters() {
            for (JsonNode parameter : spec.path("parameters")) {
                if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean(false)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final JsonNode document;
    private final Map<String, Scheme> schemes = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();

    OpenApiDocument(JsonNode document) {
        this.document = document;
        document.path("components").path("securitySchemes").properties().forEach(entry -> {
            JsonNode scheme = entry.getValue();
            CredentialKind kind = switch (scheme.path("type").asText().toLowerCase(Locale.ROOT)) {
                case "http" -> scheme.path("scheme").asText().equalsIgnoreCase("basic") ? CredentialKind.BASIC
                        : CredentialKind.BEARER;
                case "apikey" -> scheme.path("in").asText().equals("cookie") ? CredentialKind.COOKIE
                        : CredentialKind.API_KEY;
                default -> CredentialKind.BEARER;
            };
            String type = scheme.path("type").asText();
            schemes.put(entry.getKey(), new Scheme(entry.getKey(), kind,
                    type.equals("oauth2") || type.equals("openIdConnect")));
        });
        List<Requirement> global = requirements(document.get("security"));
        Set<String> names = new HashSet<>();
        document.path("paths").properties().forEach(pathEntry -> {
            for (String method : METHODS) {
                JsonNode spec = pathEntry.getValue().get(method);
                if (spec == null || !spec.isObject()) {
                    continue;
                }
                operations.add(operation(pathEntry.getKey(), method, spec, global, names));
            }
        });
    }

    List<Operation> operations() {
        return operations;
    }

    /** The token endpoint of an OAuth2 password flow, if a scheme has one (FastAPI's {@code tokenUrl: token}). */
    Optional<String> passwordTokenUrl() {
        for (JsonNode scheme : document.path("components").path("securitySchemes")) {
            JsonNode url = scheme.path("flows").path("password").path("tokenUrl");
            if (url.isTextual() && !url.asText().isBlank()) {
                String text = url.asText().strip();
                return Optional.of(text.matches("https?://.*") || text.startsWith("/") ? text : "/" + text);
            }
        }
        return Optional.empty();
    }

    private Operation operation(String template, String method, JsonNode spec, List<Requirement> global,
                                Set<String> names) {
        String upper = method.toUpperCase(Locale.ROOT);
        String path = template.replaceAll("\\{[^}]+}", "1");
        String name = upper + " " + template;
        if (spec.hasNonNull("summary")) {
            name = name + " — " + spec.get("summary").asText();
        }
        if (!names.add(name)) {
            name = name + " (" + names.size() + ")";
        }
        List<Integer> codes = new ArrayList<>();
        spec.path("responses").fieldNames().forEachRemaining(code -> {
            if (code.matches("2\\d\\d")) {
                codes.add(Integer.parseInt(code));
            }
        });
        int success = codes.stream().min(Integer::compare).orElse(200);
        JsonNode content = spec.path("requestBody").path("content");
        JsonNode body = null;
        boolean form = false;
        if (content.has("application/json")) {
            body = example(content.path("application/json").path("schema"), 0);
        } else if (content.has("application/x-www-form-urlencoded")) {
            body = example(content.path("application/x-www-form-urlencoded").path("schema"), 0);
            form = true;
        }
        List<Requirement> security = spec.has("security") ? requirements(spec.get("security")) : global;
        return new Operation(name, upper, path, template, spec, body, form, success, security);
    }

    private List<Requirement> requirements(JsonNode security) {
        List<Requirement> requirements = new ArrayList<>();
        if (security == null || !security.isArray()) {
            return requirements;
        }
        for (JsonNode requirement : security) {
            Map<Scheme, List<String>> needed = new LinkedHashMap<>();
            requirement.properties().forEach(entry -> {
                Scheme scheme = schemes.getOrDefault(entry.getKey(),
                        new Scheme(entry.getKey(), CredentialKind.BEARER, true));
                List<String> scopes = new ArrayList<>();
                entry.getValue().forEach(scope -> scopes.add(scope.asText()));
                needed.put(scheme, scopes);
            });
            requirements.add(new Requirement(needed));
        }
        return requirements;
    }

    /** A minimal value of the schema: its example, else its required (or all) properties with simple values. */
    JsonNode example(JsonNode schema, int depth) {
        if (schema.has("$ref") && depth < 5) {
            String ref = schema.get("$ref").asText();
            return ref.startsWith("#") ? example(document.at(ref.substring(1)), depth + 1) : NODES.objectNode();
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        if (schema.path("anyOf").isArray() && !schema.get("anyOf").isEmpty()) {
            return example(schema.get("anyOf").get(0), depth + 1);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").properties().forEach(p -> {
                    if ((required.isEmpty() || required.contains(p.getKey())) && depth < 5) {
                        object.set(p.getKey(), example(p.getValue(), depth + 1));
                    }
                });
                yield object;
            }
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> NODES.arrayNode();
            default -> NODES.textNode("email".equals(schema.path("format").asText()) ? "someone@example.com"
                    : "text");
        };
    }

    /** Where the created resource's id is in a POST's answer: {@code /id}, or the first {@code …_id} property. */
    String idPointer(Operation post) {
        JsonNode schema = post.spec().path("responses").path(String.valueOf(post.success())).path("content")
                .path("application/json").path("schema");
        for (int depth = 0; schema.has("$ref") && depth < 5; depth++) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        List<String> properties = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        if (properties.contains("id") || properties.isEmpty()) {
            return "/id";
        }
        return properties.stream().filter(p -> p.endsWith("_id") || p.endsWith("Id")).findFirst()
                .map(p -> "/" + p).orElse("/id");
    }
}
