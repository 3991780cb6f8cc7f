package io.tokenworkbench.client.checks.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tokenworkbench.client.checks.discovery.OpenApiDocument.Operation;
import io.tokenworkbench.client.checks.engine.CheckEngine;
import io.tokenworkbench.client.checks.engine.CheckEngine.ObtainedIdentity;
import io.tokenworkbench.client.checks.engine.RunControl;
import io.tokenworkbench.client.checks.engine.RunListener;
import io.tokenworkbench.client.checks.engine.RunResult;
import io.tokenworkbench.client.checks.suite.Suite;
import io.tokenworkbench.client.checks.suite.SuiteException;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.checks.suite.SuiteWriter;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

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
 * Generates a suite from a server's OpenAPI 3 document: one check per operation × the identities of a suite. Each
 * cell's expectation comes first from the document (security schemes by type, the document's and each operation's
 * {@code security}, scopes read from the identity's token, and our {@code x-access-level}, {@code x-roles} and
 * {@code x-permission} extensions where present), then, when asked, from one observed run; cells where the two
 * disagree are listed, and cells the run could not judge (no answer, 429) are left out rather than guessed.
 * Operations that change data (POST, PUT, PATCH, DELETE) are left out unless allowed; allowed, those on one resource
 * get a step that creates their own resource first.
 */
public final class OpenApiDiscovery {

    /** Where OpenAPI documents are usually published, tried in this order when no path is given. */
    public static final List<String> DOCUMENT_PATHS = List.of("/openapi", "/openapi.json", "/v3/api-docs",
            "/swagger.json");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final String CREATED = "created_id";

    private final ApiClient api;
    private final CheckEngine engine;

    public OpenApiDiscovery(ApiClient api, CheckEngine engine) {
        this.api = api;
        this.engine = engine;
    }

    /**
     * What to generate.
     *
     * @param documentPath  the document's path or URL; empty: the first of {@link #DOCUMENT_PATHS} that answers
     * @param observe       send every safe request once and take the answers as expectations
     * @param includeUnsafe also generate operations that change data
     */
    public record Options(Optional<String> documentPath, boolean observe, boolean includeUnsafe) {
        public static Options defaults() {
            return new Options(Optional.empty(), true, false);
        }

        /** The document at this path or URL (blank: look for it). */
        public Options at(String pathOrUrl) {
            return new Options(pathOrUrl == null || pathOrUrl.isBlank() ? Optional.empty()
                    : Optional.of(pathOrUrl.strip()), observe, includeUnsafe);
        }
    }

    /** A reason the document, the server or the identities could not be used. */
    public static final class DiscoveryException extends Exception {
        public DiscoveryException(String message) {
            super(message);
        }
    }

    /** Fetches the document, obtains the identities of {@code columns} and generates the suite. Blocking. */
    public Discovery discover(String server, Suite columns, Options options) throws DiscoveryException {
        Found found = fetch(server, options.documentPath());
        OpenApiDocument document = new OpenApiDocument(found.document());
        if (document.operations().isEmpty()) {
            throw new DiscoveryException("the document at " + found.path() + " lists no operations; is it OpenAPI 3?");
        }
        Optional<String> documentedTokenEndpoint = columns.auth().tokenEndpoint().isPresent() ? Optional.empty()
                : document.passwordTokenUrl();
        ObjectNode auth = SuiteWriter.auth(columns.auth()).map(ObjectNode.class::cast).orElse(NODES.objectNode());
        documentedTokenEndpoint.ifPresent(url -> auth.put("token_endpoint", url));
        Suite identities = documentedTokenEndpoint.map(url -> columns.withAuth(columns.auth().withTokenEndpoint(url)))
                .orElse(columns);
        Map<String, ObtainedIdentity> obtained = engine.obtainIdentities(identities, server);
        List<String> failed = obtained.entrySet().stream()
                .filter(e -> e.getValue() instanceof ObtainedIdentity.Failed)
                .map(e -> "'" + e.getKey() + "': " + ((ObtainedIdentity.Failed) e.getValue()).reason()).toList();
        if (!failed.isEmpty()) {
            throw new DiscoveryException((failed.size() == 1 ? "an identity" : failed.size() + " identities")
                    + " could not be obtained, so the matrix would be wrong: " + String.join("; ", failed));
        }
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put(Suite.ANONYMOUS, Caller.ANONYMOUS);
        columns.identities().forEach(identity -> callers.put(identity.name(),
                Caller.of(identity, obtained.get(identity.name()))));

        Map<String, Map<String, Integer>> documented = new LinkedHashMap<>();
        for (Operation op : document.operations()) {
            Map<String, Integer> cells = new LinkedHashMap<>();
            callers.forEach((name, caller) -> documentedStatus(op, caller).ifPresent(s -> cells.put(name, s)));
            documented.put(op.name(), cells);
        }
        Optional<String> tokenPath = document.passwordTokenUrl().filter(url -> url.startsWith("/"))
                .map(url -> url.replaceAll("/$", ""));
        List<String> leftOut = document.operations().stream()
                .filter(op -> !SAFE.contains(op.method()) && !options.includeUnsafe()
                        || op.needsQueryParameters()
                        || tokenPath.isPresent() && op.method().equals("POST")
                        && op.template().replaceAll("/$", "").equals(tokenPath.get()))
                .map(Operation::name).toList();
        List<Operation> included = document.operations().stream().filter(op -> !leftOut.contains(op.name())).toList();
        if (included.isEmpty()) {
            throw new DiscoveryException("the document has only operations that change data; allow them to generate "
                    + "checks");
        }
        Map<String, ObjectNode> creations = creationSteps(document, included, callers);

        Map<String, Map<String, Integer>> observed = new HashMap<>();
        Map<String, Map<String, String>> unknown = new HashMap<>();
        if (options.observe()) {
            Suite draft = parse(yaml(server, columns, auth, included, documented, Map.of(), List.of(), List.of(),
                    creations));
            RunResult run = engine.run(draft, server, CheckEngine.RunOptions.defaults().withoutRateLimitWaits(),
                    RunListener.NONE, new RunControl());
            run.rows().forEach(row -> row.cells().values().forEach(cell -> {
                if (cell.actual() == 0 || cell.actual() == 429) {
                    unknown.computeIfAbsent(row.name(), n -> new LinkedHashMap<>()).put(cell.column(),
                            cell.actual() == 0 ? "no answer (" + cell.reason() + ")" : "rate limited (429)");
                } else {
                    observed.computeIfAbsent(row.name(), n -> new LinkedHashMap<>()).put(cell.column(), cell.actual());
                }
            }));
        }
        List<Disagreement> disagreements = new ArrayList<>();
        observed.forEach((check, statuses) -> statuses.forEach((column, status) -> {
            Integer doc = documented.getOrDefault(check, Map.of()).get(column);
            if (doc != null && doc.intValue() != status) {
                disagreements.add(new Disagreement(check, column, doc, status));
            }
        }));
        disagreements.sort(Comparator.comparing(Disagreement::check).thenComparing(Disagreement::identity));
        String yaml = options.observe()
                ? yaml(server, columns, auth, included, Map.of(), observed, disagreements, leftOut, creations, unknown)
                : yaml(server, columns, auth, included, documented, Map.of(), List.of(), leftOut, creations);
        List<String> unjudged = unknown.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .map(cell -> e.getKey() + " as " + cell.getKey() + ": " + cell.getValue())).sorted().toList();
        return new Discovery(yaml, parse(yaml), document.operations().size(), options.observe(), disagreements,
                leftOut, found.path(), unjudged);
    }

    private record Found(String path, JsonNode document) {
    }

    private Found fetch(String server, Optional<String> path) throws DiscoveryException {
        if (path.isPresent()) {
            return new Found(path.get(), fetch(server, path.get()));
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : DOCUMENT_PATHS) {
            try {
                return new Found(candidate, fetch(server, candidate));
            } catch (DiscoveryException e) {
                tried.add(e.getMessage());
            }
        }
        throw new DiscoveryException("no OpenAPI document found at " + String.join(", ", DOCUMENT_PATHS)
                + " (" + String.join("; ", tried) + "); give its path or URL");
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
                    throw new DiscoveryException("GET " + path + " answered " + response.status());
            case ApiResult.Response response -> {
                try {
                    JsonNode document = YAML.readTree(response.body());
                    if (document == null || !document.isObject() || !document.has("paths")) {
                        throw new DiscoveryException("GET " + path + " is not an OpenAPI document (no paths)");
                    }
                    yield document;
                } catch (JsonProcessingException e) {
                    throw new DiscoveryException("GET " + path + " is neither JSON nor YAML: "
                            + e.getOriginalMessage());
                }
            }
        };
    }

    /** The status the document implies for the caller, or empty when it cannot say (ownership, IP lists…). */
    static Optional<Integer> documentedStatus(Operation op, Caller caller) {
        JsonNode spec = op.spec();
        String level = spec.path("x-access-level").asText("");
        if (level.equals("public") || op.isPublic() && level.isEmpty()) {
            return Optional.of(op.success());
        }
        if (level.equals("ip-allowlist") || spec.has("x-totp-required")) {
            return Optional.empty();
        }
        if (!caller.authenticated() || !op.security().isEmpty() && op.security().stream().noneMatch(caller::fits)) {
            return Optional.of(401);
        }
        if (!caller.rightsKnown() && (level.equals("staff") || level.equals("superuser") || spec.has("x-roles")
                || spec.has("x-permission") || op.security().stream().anyMatch(requirement -> requirement.schemes()
                .values().stream().anyMatch(scopes -> !scopes.isEmpty())))) {
            return Optional.empty();
        }
        if (level.equals("staff") && !(caller.staff() || caller.superuser())
                || level.equals("superuser") && !caller.superuser()) {
            return Optional.of(403);
        }
        JsonNode roles = spec.get("x-roles");
        if (roles != null && roles.isArray() && java.util.stream.StreamSupport.stream(roles.spliterator(), false)
                .noneMatch(r -> caller.roles().contains(r.asText()))) {
            return Optional.of(403);
        }
        if (spec.has("x-permission") && !caller.grants(spec.get("x-permission").asText())) {
            return Optional.of(403);
        }
        if (!op.security().isEmpty() && op.security().stream().noneMatch(caller::satisfies)) {
            return Optional.of(403);
        }
        if (spec.has("x-ownership")) {
            return caller.roles().contains("admin") ? Optional.of(op.success()) : Optional.empty();
        }
        return Optional.of(op.success());
    }

    /**
     * For each included operation that changes one resource ({@code PUT|PATCH|DELETE /items/{id}}), a step that
     * first creates one with the collection's POST, as the first identity the document lets create it.
     */
    private static Map<String, ObjectNode> creationSteps(OpenApiDocument document, List<Operation> included,
                                                         Map<String, Caller> callers) {
        Map<String, ObjectNode> steps = new LinkedHashMap<>();
        for (Operation op : included) {
            if (SAFE.contains(op.method()) || op.method().equals("POST") || !op.template().matches(".*/\\{[^/}]+}")) {
                continue;
            }
            String collection = op.template().substring(0, op.template().lastIndexOf('/'));
            Optional<Operation> create = document.operations().stream()
                    .filter(o -> o.method().equals("POST") && o.body() != null
                            && o.template().replaceAll("/$", "").equals(collection))
                    .findFirst();
            if (create.isEmpty()) {
                continue;
            }
            Optional<String> creator = callers.entrySet().stream()
                    .filter(e -> documentedStatus(create.get(), e.getValue()).map(s -> s / 100 == 2).orElse(false))
                    .map(Map.Entry::getKey).findFirst();
            if (creator.isEmpty()) {
                continue;
            }
            ObjectNode step = NODES.objectNode();
            step.put("name", "create one to " + op.method().toLowerCase(java.util.Locale.ROOT));
            step.put("as", creator.get());
            ObjectNode request = step.putObject("request");
            request.put("method", "POST");
            request.put("path", create.get().path());
            request.set(create.get().form() ? "form" : "json", create.get().form() ? formOf(create.get().body())
                    : create.get().body());
            step.putObject("capture").put(CREATED, document.idPointer(create.get()));
            steps.put(op.name(), step);
        }
        return steps;
    }

    private static String yaml(String server, Suite columns, ObjectNode auth, List<Operation> operations,
                               Map<String, Map<String, Integer>> documented,
                               Map<String, Map<String, Integer>> observed, List<Disagreement> disagreements,
                               List<String> leftOut, Map<String, ObjectNode> creations) {
        return yaml(server, columns, auth, operations, documented, observed, disagreements, leftOut, creations,
                Map.of());
    }

    private static String yaml(String server, Suite columns, ObjectNode auth, List<Operation> operations,
                               Map<String, Map<String, Integer>> documented,
                               Map<String, Map<String, Integer>> observed, List<Disagreement> disagreements,
                               List<String> leftOut, Map<String, ObjectNode> creations,
                               Map<String, Map<String, String>> unknown) {
        ObjectNode root = NODES.objectNode();
        root.put("name", "Discovered from " + server);
        root.put("description", "Generated from the server's OpenAPI document"
                + (observed.isEmpty() ? "; expectations from the document's security requirements."
                : "; expectations from one observed run. Review every cell before relying on it."));
        root.put("server", server);
        if (!columns.variables().isEmpty()) {
            ObjectNode variables = root.putObject("variables");
            columns.variables().forEach(variables::put);
        }
        if (!auth.isEmpty()) {
            root.set("auth", auth);
        }
        ObjectNode ids = root.putObject("identities");
        columns.identities().forEach(identity -> ids.set(identity.name(), SuiteWriter.identity(identity)));
        ArrayNode checks = root.putArray("checks");
        List<String> all = columns.columns();
        for (Operation op : operations) {
            ObjectNode check = checks.addObject();
            check.put("name", op.name());
            ObjectNode request = check.putObject("request");
            request.put("method", op.method());
            ObjectNode creation = creations.get(op.name());
            request.put("path", creation == null ? op.path()
                    : op.template().substring(0, op.template().lastIndexOf('/')).replaceAll("\\{[^}]+}", "1")
                    + "/${" + CREATED + "}");
            if (op.body() != null) {
                request.set(op.form() ? "form" : "json", op.form() ? formOf(op.body()) : op.body());
            }
            if (creation != null) {
                check.putArray("before_each").add(creation);
            }
            Map<String, String> notJudged = unknown.getOrDefault(op.name(), Map.of());
            List<String> judged = all.stream().filter(column -> !notJudged.containsKey(column)).toList();
            if (judged.isEmpty()) {
                checks.remove(checks.size() - 1);
                continue;
            }
            if (judged.size() < all.size()) {
                judged.forEach(check.putArray("identities")::add);
            }
            Map<String, Integer> cells = new LinkedHashMap<>();
            for (String column : judged) {
                Integer status = observed.getOrDefault(op.name(), Map.of()).get(column);
                if (status == null) {
                    status = documented.getOrDefault(op.name(), Map.of()).getOrDefault(column, op.success());
                }
                cells.put(column, status);
            }
            check.set("expect", compact(cells));
            List<String> notes = new ArrayList<>(disagreements.stream().filter(d -> d.check().equals(op.name()))
                    .map(d -> d.identity() + ": document " + d.documented() + ", server " + d.observed()).toList());
            String note = notes.isEmpty() ? "" : "Document and server disagree — " + String.join("; ", notes);
            if (!notJudged.isEmpty()) {
                note = (note.isEmpty() ? "" : note + ". ") + "Not judged (no usable answer): " + notJudged.entrySet()
                        .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
            }
            if (!note.isEmpty()) {
                check.put("note", note);
            }
        }
        StringBuilder notes = new StringBuilder();
        if (!leftOut.isEmpty()) {
            notes.append("\n# Left out: the token endpoint, where the identities log in, operations that change or "
                    + "delete data (unless allowed), and operations that need query parameters discovery cannot "
                    + "choose:\n");
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
