package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parts of the suite parser share: the problems found so far with their places, and readers for the
 * shapes that recur (texts, mappings, statuses, requests, variable references).
 */
final class SuiteReader {

    /** {@code ${name}}, {@code ${env:NAME}} or {@code ${file:path}}. */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern SHORTHAND = Pattern.compile("([A-Za-z]+)\\s+(\\S+)");

    private final String source;
    private final YamlLocations locations;
    private final SuiteEnvironment environment;
    private final List<SuiteProblem> problems = new ArrayList<>();

    SuiteReader(String source, YamlLocations locations, SuiteEnvironment environment) {
        this.source = source;
        this.locations = locations;
        this.environment = environment;
    }

    List<SuiteProblem> problems() {
        return problems;
    }

    SuiteEnvironment environment() {
        return environment;
    }

    void problem(String pointer, String message) {
        JsonLocation at = locations.at(pointer);
        problems.add(new SuiteProblem(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                message));
    }

    // --- values ------------------------------------------------------------------------------------------

    void knownKeys(JsonNode node, String at, String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        node.fieldNames().forEachRemaining(key -> {
            if (!allowedSet.contains(key)) {
                problem(at + "/" + escape(key), "unknown key '" + key + "'" + (at.isEmpty() ? "" : " in " + at)
                        + "; allowed: " + String.join(", ", allowed));
            }
        });
    }

    boolean isObject(JsonNode node, String at, String hint) {
        if (node == null || !node.isObject()) {
            problem(at, hint);
            return false;
        }
        return true;
    }

    String requiredText(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            problem(value == null ? at : at + "/" + field, field + " is required"
                    + (value != null && !value.isValueNode() ? " and must be text" : ""));
            return null;
        }
        return value.asText();
    }

    String optionalText(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problem(at + "/" + field, field + " must be text");
            return null;
        }
        return value.asText();
    }

    ObjectNode optionalObject(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(at + "/" + field, field + " must be a mapping");
            return null;
        }
        return (ObjectNode) value;
    }

    Map<String, String> stringMap(JsonNode node, String at) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            problem(at, "expected a mapping of names to values");
            return map;
        }
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                problem(at + "/" + escape(entry.getKey()), "expected a plain value (text or number)");
            } else {
                map.put(entry.getKey(), value.asText());
            }
        }
        return map;
    }

    StatusSet statusSet(JsonNode node, String at) {
        List<Integer> statuses = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> statuses.add(n.isInt() ? n.asInt() : -1));
        } else if (node != null && node.isInt()) {
            statuses.add(node.asInt());
        } else if (node != null && node.isTextual() && node.asText().matches("\\d{3}(\\|\\d{3})*")) {
            for (String s : node.asText().split("\\|")) {
                statuses.add(Integer.parseInt(s));
            }
        } else {
            statuses.add(-1);
        }
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 100 || s > 599)) {
            problem(at, "expected an HTTP status (100–599), a list of them, or \"200|429\"");
            return null;
        }
        return new StatusSet(statuses);
    }

    // --- requests ----------------------------------------------------------------------------------------

    RequestSpec request(JsonNode node, String at, Predicate<String> variables) {
        if (node == null || node.isNull()) {
            problem(at, "request is required: \"GET /path\" or {method, path, headers, json | form | body}");
            return null;
        }
        if (node.isTextual()) {
            Matcher m = SHORTHAND.matcher(node.asText().strip());
            if (!m.matches()) {
                problem(at, "write a request as \"METHOD /path\", e.g. \"GET /protected\"");
                return null;
            }
            String path = m.group(2);
            checkPath(path, at, variables);
            return new RequestSpec(m.group(1).toUpperCase(Locale.ROOT), path, Map.of(), new RequestSpec.Body.None());
        }
        if (!node.isObject()) {
            problem(at, "request must be \"METHOD /path\" or a mapping");
            return null;
        }
        knownKeys(node, at, "method", "path", "headers", "json", "form", "body", "content_type");
        String method = optionalText(node, at, "method");
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            problem(at + "/method", "not an HTTP method: '" + method + "'");
        }
        String path = requiredText(node, at, "path");
        if (path != null) {
            checkPath(path, at + "/path", variables);
        }
        Map<String, String> headers = stringMap(node.get("headers"), at + "/headers");
        headers.forEach((k, v) -> checkVariables(v, at + "/headers/" + escape(k), variables));
        int bodies = (node.has("json") ? 1 : 0) + (node.has("form") ? 1 : 0) + (node.has("body") ? 1 : 0);
        RequestSpec.Body body = new RequestSpec.Body.None();
        if (bodies > 1) {
            problem(at, "a request has at most one of json, form or body");
        } else if (node.has("json")) {
            JsonNode json = node.get("json");
            checkVariablesIn(json, at + "/json", variables);
            body = new RequestSpec.Body.Json(json);
        } else if (node.has("form")) {
            Map<String, String> fields = stringMap(node.get("form"), at + "/form");
            fields.forEach((k, v) -> checkVariables(v, at + "/form/" + escape(k), variables));
            body = new RequestSpec.Body.Form(fields);
        } else if (node.has("body")) {
            String text = node.get("body").asText();
            checkVariables(text, at + "/body", variables);
            String type = optionalText(node, at, "content_type");
            body = new RequestSpec.Body.Text(text, type == null ? "text/plain; charset=utf-8" : type);
        }
        return path == null ? null : new RequestSpec(method, path, headers, body);
    }

    private void checkPath(String path, String at, Predicate<String> variables) {
        if (!path.startsWith("/")) {
            problem(at, "the path must start with '/', e.g. /v1/posts");
        }
        checkVariables(path, at, variables);
    }

    // --- references --------------------------------------------------------------------------------------

    void checkVariablesIn(JsonNode json, String at, Predicate<String> variables) {
        if (json.isTextual()) {
            checkVariables(json.asText(), at, variables);
        } else if (json.isObject()) {
            json.properties().forEach(e -> checkVariablesIn(e.getValue(), at + "/" + escape(e.getKey()), variables));
        } else if (json.isArray()) {
            for (int i = 0; i < json.size(); i++) {
                checkVariablesIn(json.get(i), at + "/" + i, variables);
            }
        }
    }

    /** Reports each reference in {@code text} that is unknown, an unset environment variable or an unreadable file. */
    void checkVariables(String text, String at, Predicate<String> variables) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String reference = m.group(1);
            if (reference.startsWith("env:") || reference.startsWith("file:")) {
                try {
                    environment.resolve(reference);
                } catch (IllegalArgumentException e) {
                    problem(at, "${" + reference + "}: " + e.getMessage());
                }
            } else if (!VARIABLE_NAME.matcher(reference).matches()) {
                problem(at, "${" + reference + "} is not a variable: use ${name}, ${env:NAME} or ${file:path}");
            } else if (!variables.test(reference)) {
                problem(at, "unknown variable ${" + reference + "}: define it under variables or capture it in "
                        + "an earlier step");
            }
        }
    }

    /** The variable names {@code text} refers to (not {@code env:} or {@code file:} references). */
    static Set<String> variablesIn(String text) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(text == null ? "" : text);
        while (m.find()) {
            if (VARIABLE_NAME.matcher(m.group(1)).matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** {@code text} with its {@code ${env:…}} and {@code ${file:…}} references filled in; problems reported. */
    String resolveReferences(String text, String at) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String reference = m.group(1);
            String value = m.group();
            if (reference.startsWith("env:") || reference.startsWith("file:")) {
                try {
                    value = environment.resolve(reference);
                } catch (IllegalArgumentException e) {
                    problem(at, "${" + reference + "}: " + e.getMessage());
                    return null;
                }
            } else {
                problem(at, "keys can use ${env:NAME} and ${file:path}, not variables such as ${" + reference + "}");
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String unknownIdentity(String name, Set<String> identities) {
        return "no identity called '" + name + "' (known: " + String.join(", ", identities) + ")";
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
