package io.tokenworkbench.client.checks.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteIdentity;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.checks.suite.SuiteWriter;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Generates a suite from a server's OpenAPI 3 document: one check per operation × the chosen identities. Each
 * cell's expectation comes first from the document ({@code security} requirements and scopes, and the
 * {@code x-access-level}, {@code x-roles} and {@code x-permission} extensions where present) read against the
 * identity's token claims, then, when asked, from one observed run; cells where the two disagree are listed.
 * Operations with unsafe methods (POST, PUT, PATCH, DELETE) change or delete data, so they are left out of the
 * suite (and listed in a comment at its end) unless allowed.
 */
public final class OpenApiDiscovery {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiClient api;
    private final CheckEngine engine;

    public OpenApiDiscovery(ApiClient api, CheckEngine engine) {
        this.api = api;
        this.engine = engine;
    }

    /** What to generate. */
    public record Options(String documentPath, boolean observe, boolean includeUnsafe) {
        public static Options defaults() {
            return new Options("/openapi", true, false);
        }
    }

    /** A reason the document could not be read or used. */
    public static final class DiscoveryException extends Exception {
        public DiscoveryException(String message) {
            super(message);
        }
    }

    /** Fetches the document and generates the suite. Blocking. */
    public Discovery discover(String server, List<SuiteIdentity> identities, Options options)
            throws DiscoveryException {
        JsonNode document = fetch(server, options.documentPath());
        if (!document.path("paths").isObject() || document.path("paths").isEmpty()) {
            throw new DiscoveryException("the document at " + options.documentPath() + " lists no paths; is it OpenAPI 3?");
        }
        Map<String, Optional<String>> tokens = engine.accessTokens(identities, server);
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put(Suite.ANONYMOUS, Caller.ANONYMOUS);
        for (SuiteIdentity identity : identities) {
            callers.put(identity.name(), Caller.of(identity, tokens.getOrDefault(identity.name(), Optional.empty())));
        }
        List<Operation> operations = operations(document);
        Map<String, Map<String, Integer>> documented = new LinkedHashMap<>();
        for (Operation op : operations) {
            Map<String, Integer> cells = new LinkedHashMap<>();
            callers.forEach((name, caller) -> documentedStatus(op, caller).ifPresent(s -> cells.put(name, s)));
            documented.put(op.name(), cells);
        }

        List<String> leftOut = operations.stream().filter(op -> !SAFE.contains(op.method())
                && !options.includeUnsafe()).map(Operation::name).toList();
        List<Operation> included = operations.stream().filter(op -> !leftOut.contains(op.name())).toList();
        if (included.isEmpty()) {
            throw new DiscoveryException("the document has only unsafe operations; allow them to generate checks");
        }
        Map<String, Map<String, Integer>> observed = new HashMap<>();
        if (options.observe()) {
            Suite draft = parse(yaml(server, identities, included, documented, Map.of(), List.of(), List.of()));
            RunResult run = engine.run(draft, server, CheckEngine.RunOptions.defaults(), RunListener.NONE,
                    new RunControl());
            run.rows().forEach(row -> {
                Map<String, Integer> statuses = new LinkedHashMap<>();
                row.cells().values().stream().filter(c -> c.actual() != 0)
                        .forEach(c -> statuses.put(c.column(), c.actual()));
                observed.put(row.name(), statuses);
            });
        }
        List<Disagreement> disagreements = new ArrayList<>();
        observed.forEach((check, statuses) -> statuses.forEach((column, status) -> {
            Integer doc = documented.getOrDefault(check, Map.of()).get(column);
            if (doc != null && doc.intValue() != status) {
                disagreements.add(new Disagreement(check, column, doc, status));
            }
        }));
        disagreements.sort(Comparator.comparing(Disagreement::check).thenComparing(Disagreement::identity));
        String yaml = yaml(server, identities, included, documented, observed, disagreements, leftOut);
        return new Discovery(yaml, parse(yaml), operations.size(), options.observe(), disagreements, leftOut);
    }

    private JsonNode fetch(String server, String path) throws DiscoveryException {
        ApiRequest request;
        try {
            request = ApiRequest.get(server, path);
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("the server URL cannot be used: " + e.getMessage());
        }
        return switch (api.send(request)) {
            case ApiResult.Failure failure -> throw new DiscoveryException(failure.reason());
            case ApiResult.Response response when response.status() != 200 ->
                    throw new DiscoveryException("GET " + path + " answered " + response.status()
                            + "; does the server publish an OpenAPI document there?");
            case ApiResult.Response response -> {
                try {
                    JsonNode document = YAML.readTree(response.body());
                    if (document == null || !document.isObject()) {
                        throw new DiscoveryException("GET " + path + " did not answer a JSON or YAML document");
                    }
                    yield document;
                } catch (JsonProcessingException e) {
                    throw new DiscoveryException("GET " + path + " is neither JSON nor YAML: " + e.getOriginalMessage());
                }
            }
        };
    }

    /** One operation of the document. */
    record Operation(String name, String method, String path, JsonNode spec, JsonNode body, boolean form,
                     int success) {
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        document.path("paths").properties().forEach(pathEntry -> {
            for (String method : METHODS) {
                JsonNode spec = pathEntry.getValue().get(method);
                if (spec == null || !spec.isObject()) {
                    continue;
                }
                String upper = method.toUpperCase(java.util.Locale.ROOT);
                String path = pathEntry.getKey().replaceAll("\\{[^}]+}", "1");
                String name = upper + " " + pathEntry.getKey();
                if (spec.hasNonNull("summary")) {
                    name = name + " — " + spec.get("summary").asText();
                }
                if (!names.add(name)) {
                    name = name + " (" + names.size() + ")";
                }
                int success = 200;
                var codes = new ArrayList<Integer>();
                spec.path("responses").fieldNames().forEachRemaining(code -> {
                    if (code.matches("2\\d\\d")) {
                        codes.add(Integer.parseInt(code));
                    }
                });
                if (!codes.isEmpty()) {
                    success = codes.stream().min(Integer::compare).orElseThrow();
                }
                JsonNode content = spec.path("requestBody").path("content");
                JsonNode body = null;
                boolean form = false;
                if (content.has("application/json")) {
                    body = example(document, content.path("application/json").path("schema"), 0);
                } else if (content.has("application/x-www-form-urlencoded")) {
                    body = example(document, content.path("application/x-www-form-urlencoded").path("schema"), 0);
                    form = true;
                }
                operations.add(new Operation(name, upper, path, spec, body, form, success));
            }
        });
        return operations;
    }

    /** A minimal value of the schema: its example, else its required (or all) properties with simple values. */
    private static JsonNode example(JsonNode document, JsonNode schema, int depth) {
        if (schema.has("$ref") && depth < 5) {
            String ref = schema.get("$ref").asText();
            return ref.startsWith("#") ? example(document, document.at(ref.substring(1)), depth + 1) : NODES.objectNode();
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").properties().forEach(p -> {
                    if ((required.isEmpty() || required.contains(p.getKey())) && depth < 5) {
                        object.set(p.getKey(), example(document, p.getValue(), depth + 1));
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

    /** What an identity's token says about it, enough to read security requirements against. */
    record Caller(boolean authenticated, Set<String> scopes, Set<String> roles, boolean staff, boolean superuser) {
        static final Caller ANONYMOUS = new Caller(false, Set.of(), Set.of(), false, false);

        static Caller of(SuiteIdentity identity, Optional<String> token) {
            boolean bad = identity instanceof SuiteIdentity.Derived
                    || identity instanceof SuiteIdentity.Minted minted && minted.expiresInSeconds() <= 0;
            if (bad || token.isEmpty()) {
                return ANONYMOUS;
            }
            try {
                JWTClaimsSet claims = JWTParser.parse(token.get()).getJWTClaimsSet();
                String scope = claims.getStringClaim("scope");
                List<String> roles = claims.getStringListClaim("roles");
                return new Caller(true, scope == null ? Set.of() : Set.of(scope.trim().split("\\s+")),
                        roles == null ? Set.of() : Set.copyOf(roles),
                        Boolean.TRUE.equals(claims.getBooleanClaim("is_staff")),
                        Boolean.TRUE.equals(claims.getBooleanClaim("is_superuser")));
            } catch (ParseException e) {
                return new Caller(true, Set.of(), Set.of(), false, false);
            }
        }

        boolean grants(String permission) {
            return scopes.stream().anyMatch(s -> s.equals(permission)
                    || s.endsWith(":*") && permission.startsWith(s.substring(0, s.length() - 1)));
        }
    }

    /** The status the document implies for the caller, or empty when it cannot say (ownership, IP lists…). */
    static Optional<Integer> documentedStatus(Operation op, Caller caller) {
        JsonNode spec = op.spec();
        JsonNode security = spec.get("security");
        String level = spec.path("x-access-level").asText("");
        boolean open = security != null && security.isArray() && (security.isEmpty()
                || java.util.stream.StreamSupport.stream(security.spliterator(), false).anyMatch(JsonNode::isEmpty));
        if (level.equals("public") || open && level.isEmpty()) {
            return Optional.of(op.success());
        }
        if (level.equals("ip-allowlist") || spec.has("x-totp-required")) {
            return Optional.empty();
        }
        if (security != null && security.isArray() && !security.isEmpty() && java.util.stream.StreamSupport
                .stream(security.spliterator(), false).noneMatch(r -> r.has("bearer") || r.has("oauth2"))) {
            return Optional.of(401);
        }
        if (!caller.authenticated()) {
            return Optional.of(401);
        }
        if (level.equals("staff") && !(caller.staff() || caller.superuser())
                || level.equals("superuser") && !caller.superuser()) {
            return Optional.of(403);
        }
        JsonNode roles = spec.get("x-roles");
        if (roles != null && roles.isArray()
                && java.util.stream.StreamSupport.stream(roles.spliterator(), false)
                .noneMatch(r -> caller.roles().contains(r.asText()))) {
            return Optional.of(403);
        }
        if (spec.has("x-permission") && !caller.grants(spec.get("x-permission").asText())) {
            return Optional.of(403);
        }
        if (security != null && security.isArray()) {
            boolean anySatisfied = false;
            for (JsonNode requirement : security) {
                boolean satisfied = true;
                for (var scheme : requirement.properties()) {
                    for (JsonNode scope : scheme.getValue()) {
                        satisfied &= caller.grants(scope.asText());
                    }
                }
                anySatisfied |= satisfied;
            }
            if (!anySatisfied) {
                return Optional.of(403);
            }
        }
        if (spec.has("x-ownership")) {
            return caller.roles().contains("admin") ? Optional.of(op.success()) : Optional.empty();
        }
        return Optional.of(op.success());
    }

    private static String yaml(String server, List<SuiteIdentity> identities, List<Operation> operations,
                               Map<String, Map<String, Integer>> documented, Map<String, Map<String, Integer>> observed,
                               List<Disagreement> disagreements, List<String> leftOut) {
        ObjectNode root = NODES.objectNode();
        root.put("name", "Discovered from " + server);
        root.put("description", "Generated from the server's OpenAPI document"
                + (observed.isEmpty() ? "; expectations from the document's security requirements."
                : "; expectations from one observed run. Review every cell before relying on it."));
        root.put("server", server);
        ObjectNode ids = root.putObject("identities");
        identities.forEach(identity -> ids.set(identity.name(), SuiteWriter.identity(identity)));
        ArrayNode checks = root.putArray("checks");
        List<String> columns = new ArrayList<>();
        columns.add(Suite.ANONYMOUS);
        identities.forEach(i -> columns.add(i.name()));
        for (Operation op : operations) {
            ObjectNode check = checks.addObject();
            check.put("name", op.name());
            ObjectNode request = check.putObject("request");
            request.put("method", op.method());
            request.put("path", op.path());
            if (op.body() != null) {
                request.set(op.form() ? "form" : "json", op.form() ? formOf(op.body()) : op.body());
            }
            Map<String, Integer> cells = new LinkedHashMap<>();
            for (String column : columns) {
                Integer status = observed.getOrDefault(op.name(), Map.of()).get(column);
                if (status == null) {
                    status = documented.getOrDefault(op.name(), Map.of()).getOrDefault(column, op.success());
                }
                cells.put(column, status);
            }
            check.set("expect", compact(cells));
            List<String> notes = disagreements.stream().filter(d -> d.check().equals(op.name()))
                    .map(d -> d.identity() + ": document " + d.documented() + ", server " + d.observed()).toList();
            if (!notes.isEmpty()) {
                check.put("note", "Document and server disagree — " + String.join("; ", notes));
            }
        }
        StringBuilder notes = new StringBuilder();
        if (!leftOut.isEmpty()) {
            notes.append("\n# Left out because they change or delete data (allow unsafe operations to add them):\n");
            leftOut.forEach(name -> notes.append("#   ").append(name).append('\n'));
        }
        try {
            return "# Generated by Token Workbench discovery. Review before relying on it.\n"
                    + YAML.writeValueAsString(root) + notes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the suite", e);
        }
    }

    private static ObjectNode formOf(JsonNode body) {
        ObjectNode form = NODES.objectNode();
        body.properties().forEach(p -> form.put(p.getKey(), p.getValue().asText()));
        return form;
    }

    /** {@code {default: <most common>, <others>}}. */
    private static ObjectNode compact(Map<String, Integer> cells) {
        int common = cells.values().stream().collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new,
                        Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(200);
        ObjectNode expect = NODES.objectNode();
        expect.put("default", common);
        cells.forEach((column, status) -> {
            if (status != common) {
                expect.put(column, status);
            }
        });
        return expect;
    }

    private static Suite parse(String yaml) throws DiscoveryException {
        try {
            return SuiteParser.parse("discovered.yaml", yaml);
        } catch (SuiteException e) {
            throw new DiscoveryException("the generated suite is not valid: " + e.getMessage());
        }
    }
}
