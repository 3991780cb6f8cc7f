package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a suite from YAML (format: {@code suite.schema.json} beside this class) and validates it completely, so that
 * a run never fails half-way for a typo. Every problem is reported with its file, line and column.
 *
 * <pre>{@code
 * Suite suite = SuiteParser.parse(Path.of("checks.yaml"));      // throws SuiteException listing every problem
 * Suite builtin = SuiteParser.builtin();                         // the contract's access table
 * }</pre>
 */
public final class SuiteParser {

    /** Variables every suite can use without defining them. */
    public static final Set<String> BUILTIN_VARIABLES = Set.of("unique", "run_id");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private static final Pattern SHORTHAND = Pattern.compile("([A-Za-z]+)\\s+(\\S+)");
    private static final String BUILTIN_RESOURCE = "/io/tokenworkbench/client/checks/builtin-suite.yaml";
    private static final int MAX_PARALLELISM = 64;

    private final String source;
    private final YamlLocations locations;
    private final List<SuiteProblem> problems = new ArrayList<>();

    private SuiteParser(String source, YamlLocations locations) {
        this.source = source;
        this.locations = locations;
    }

    /** Parses a suite file. */
    public static Suite parse(Path file) throws SuiteException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SuiteException(List.of(new SuiteProblem(file.toString(), 0, 0,
                    "cannot read the file: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()))));
        }
        return parse(file.getFileName().toString(), text);
    }

    /** The built-in suite: the contract's whole access table, for a dev-mode backend. */
    public static Suite builtin() {
        try {
            return parse("builtin-suite.yaml", builtinText());
        } catch (SuiteException e) {
            throw new IllegalStateException("The built-in suite is broken: " + e.getMessage(), e);
        }
    }

    /** The YAML text of the built-in suite, e.g. to save it as a starting point. */
    public static String builtinText() {
        try (var in = SuiteParser.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILTIN_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILTIN_RESOURCE, e);
        }
    }

    /** Parses suite text; {@code source} names it in problems. */
    public static Suite parse(String source, String yaml) throws SuiteException {
        YAMLFactory factory = new YAMLFactory();
        YAMLMapper mapper = new YAMLMapper(factory);
        JsonNode root;
        YamlLocations locations;
        try {
            root = mapper.readTree(yaml);
            locations = YamlLocations.of(factory, yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SuiteException(List.of(new SuiteProblem(source, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new SuiteException(List.of(new SuiteProblem(source, 0, 0, "cannot read: " + e.getMessage())));
        }
        SuiteParser parser = new SuiteParser(source, locations);
        if (root == null || !root.isObject()) {
            throw new SuiteException(List.of(new SuiteProblem(source, 1, 1,
                    "a suite is a YAML mapping with at least 'name', 'identities' and 'checks'")));
        }
        Suite suite = parser.suite(root);
        if (!parser.problems.isEmpty()) {
            throw new SuiteException(parser.problems);
        }
        return suite;
    }

    private Suite suite(JsonNode root) {
        knownKeys(root, "", "name", "description", "server", "parallelism", "variables", "identities", "groups",
                "assert", "setup", "checks", "replays");
        String name = requiredText(root, "", "name");
        String description = optionalText(root, "", "description");
        Optional<String> server = Optional.ofNullable(optionalText(root, "", "server"));
        server.ifPresent(url -> {
            if (!url.matches("https?://\\S+")) {
                problem("/server", "server must be an http(s) URL, e.g. http://localhost:8080");
            }
        });
        int parallelism = 4;
        if (root.has("parallelism")) {
            JsonNode p = root.get("parallelism");
            if (!p.isInt() || p.asInt() < 1 || p.asInt() > MAX_PARALLELISM) {
                problem("/parallelism", "parallelism must be a whole number from 1 to " + MAX_PARALLELISM);
            } else {
                parallelism = p.asInt();
            }
        }
        Map<String, String> variables = stringMap(root.get("variables"), "/variables");
        variables.keySet().forEach(v -> {
            if (BUILTIN_VARIABLES.contains(v)) {
                problem("/variables/" + v, "'" + v + "' is a built-in variable and cannot be redefined");
            }
        });

        List<SuiteIdentity> identities = identities(root.get("identities"));
        Set<String> identityNames = new LinkedHashSet<>();
        identityNames.add(Suite.ANONYMOUS);
        identities.forEach(i -> identityNames.add(i.name()));

        Map<String, List<String>> groups = groups(root.get("groups"), identityNames);
        List<Assertion> everyCheck = assertions(root.get("assert"), "/assert", identityNames, groups);

        Set<String> known = new HashSet<>(variables.keySet());
        known.addAll(BUILTIN_VARIABLES);
        List<Step> setup = new ArrayList<>();
        JsonNode setupNode = root.get("setup");
        if (setupNode != null && !setupNode.isNull()) {
            if (!setupNode.isArray()) {
                problem("/setup", "setup must be a list of steps");
            } else {
                for (int i = 0; i < setupNode.size(); i++) {
                    Step step = step(setupNode.get(i), "/setup/" + i, identityNames, known);
                    if (step != null) {
                        setup.add(step);
                        known.addAll(step.capture().keySet());
                    }
                }
            }
        }

        List<Check> checks = new ArrayList<>();
        JsonNode checksNode = root.get("checks");
        if (checksNode == null || !checksNode.isArray() || checksNode.isEmpty()) {
            problem("/checks", "checks must be a non-empty list");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < checksNode.size(); i++) {
                Check check = check(checksNode.get(i), "/checks/" + i, identityNames, groups, everyCheck, known);
                if (check != null && !names.add(check.name())) {
                    problem("/checks/" + i + "/name", "another check is already called '" + check.name() + "'");
                }
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        List<Replay> replays = replays(root.get("replays"), identityNames);
        return new Suite(name == null ? "" : name, description == null ? "" : description, server, parallelism,
                variables, identities, setup, checks, replays);
    }

    private List<SuiteIdentity> identities(JsonNode node) {
        List<SuiteIdentity> identities = new ArrayList<>();
        if (node == null || node.isNull()) {
            return identities;
        }
        if (!node.isObject()) {
            problem("/identities", "identities must be a mapping of name → how to obtain its token");
            return identities;
        }
        Set<String> defined = new HashSet<>();
        defined.add(Suite.ANONYMOUS);
        for (var entry : node.properties()) {
            String name = entry.getKey();
            String at = "/identities/" + escape(name);
            JsonNode spec = entry.getValue();
            if (name.equals(Suite.ANONYMOUS)) {
                problem(at, "'anonymous' is always present and cannot be defined");
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problem(at, "identity names are letters, digits, '-', '_' and '.', e.g. alice or alg-none");
                continue;
            }
            if (spec == null || !spec.isObject()) {
                problem(at, "an identity needs one of login, token, mint or derive");
                continue;
            }
            knownKeys(spec, at, "login", "token", "mint", "derive", "description");
            List<String> kinds = new ArrayList<>();
            for (String kind : List.of("login", "token", "mint", "derive")) {
                if (spec.has(kind)) {
                    kinds.add(kind);
                }
            }
            if (kinds.size() != 1) {
                problem(at, "an identity needs exactly one of login, token, mint or derive (found "
                        + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
                continue;
            }
            String kind = kinds.getFirst();
            JsonNode body = spec.get(kind);
            String bodyAt = at + "/" + kind;
            SuiteIdentity identity = switch (kind) {
                case "login" -> {
                    if (!isObject(body, bodyAt, "login needs username and password")) {
                        yield null;
                    }
                    knownKeys(body, bodyAt, "username", "password", "scope");
                    String username = requiredText(body, bodyAt, "username");
                    String password = requiredText(body, bodyAt, "password");
                    yield username == null || password == null ? null
                            : new SuiteIdentity.Login(name, username, password, optionalText(body, bodyAt, "scope"));
                }
                case "token" -> {
                    if (body == null || !body.isTextual() || body.asText().isBlank()) {
                        problem(bodyAt, "token must be the token's text");
                        yield null;
                    }
                    yield new SuiteIdentity.RawToken(name, body.asText().strip().replaceFirst("(?i)^bearer\\s+", ""));
                }
                case "mint" -> {
                    if (!isObject(body, bodyAt, "mint needs username and expires_in (seconds, negative = expired)")) {
                        yield null;
                    }
                    knownKeys(body, bodyAt, "username", "expires_in", "scope", "claims", "header");
                    String username = requiredText(body, bodyAt, "username");
                    JsonNode expires = body.get("expires_in");
                    if (expires == null || !expires.canConvertToLong() || !expires.isIntegralNumber()) {
                        problem(bodyAt + "/expires_in", "expires_in must be a whole number of seconds (negative: expired)");
                        yield null;
                    }
                    ObjectNode claims = optionalObject(body, bodyAt, "claims");
                    ObjectNode header = optionalObject(body, bodyAt, "header");
                    yield username == null ? null : new SuiteIdentity.Minted(name, username, expires.asLong(),
                            optionalText(body, bodyAt, "scope"), claims, header);
                }
                default -> {
                    if (!isObject(body, bodyAt, "derive needs from and kind")) {
                        yield null;
                    }
                    knownKeys(body, bodyAt, "from", "kind", "value");
                    String from = requiredText(body, bodyAt, "from");
                    String kindName = requiredText(body, bodyAt, "kind");
                    if (from != null && !defined.contains(from) || Suite.ANONYMOUS.equals(from)) {
                        problem(bodyAt + "/from", "derive from an identity defined above this one (not '" + from + "')");
                        yield null;
                    }
                    if (kindName == null) {
                        yield null;
                    }
                    Optional<SuiteIdentity.Derivation> derivation = SuiteIdentity.Derivation.fromYaml(kindName);
                    if (derivation.isEmpty()) {
                        problem(bodyAt + "/kind", "unknown derivation '" + kindName + "'; use one of "
                                + String.join(", ", java.util.Arrays.stream(SuiteIdentity.Derivation.values())
                                .map(SuiteIdentity.Derivation::yamlName).toList()));
                        yield null;
                    }
                    yield from == null ? null
                            : new SuiteIdentity.Derived(name, from, derivation.get(), optionalText(body, bodyAt, "value"));
                }
            };
            if (identity != null) {
                identities.add(identity);
                defined.add(name);
            }
        }
        return identities;
    }

    private Step step(JsonNode node, String at, Set<String> identities, Set<String> knownVariables) {
        if (!isObject(node, at, "a step needs at least a request")) {
            return null;
        }
        knownKeys(node, at, "name", "as", "request", "expect", "capture");
        String as = optionalText(node, at, "as");
        if (as == null) {
            as = Suite.ANONYMOUS;
        } else if (!identities.contains(as)) {
            problem(at + "/as", unknownIdentity(as, identities));
        }
        RequestSpec request = request(node.get("request"), at + "/request", knownVariables);
        StatusSet expect = node.has("expect") ? statusSet(node.get("expect"), at + "/expect") : null;
        Map<String, String> capture = stringMap(node.get("capture"), at + "/capture");
        capture.forEach((variable, from) -> {
            String captureAt = at + "/capture/" + escape(variable);
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problem(captureAt, "variable names are letters, digits and '_'");
            } else if (BUILTIN_VARIABLES.contains(variable)) {
                problem(captureAt, "'" + variable + "' is a built-in variable");
            }
            if (!from.startsWith("/") && !from.startsWith("header:") && !from.isEmpty()) {
                problem(captureAt, "capture from a JSON pointer such as /id, or header:Location");
            }
        });
        String name = optionalText(node, at, "name");
        if (request == null) {
            return null;
        }
        return new Step(name == null ? request.toString() : name, as, request, expect, capture);
    }

    private Map<String, List<String>> groups(JsonNode node, Set<String> identities) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isObject()) {
            problem("/groups", "groups must be a mapping of group name → list of identities");
            return groups;
        }
        for (var entry : node.properties()) {
            String at = "/groups/" + escape(entry.getKey());
            if (identities.contains(entry.getKey()) || entry.getKey().equals("default")) {
                problem(at, "a group cannot be called like an identity or 'default'");
                continue;
            }
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                problem(at, "a group is a non-empty list of identity names");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                String member = entry.getValue().get(i).asText();
                if (!identities.contains(member)) {
                    problem(at + "/" + i, unknownIdentity(member, identities));
                } else {
                    members.add(member);
                }
            }
            groups.put(entry.getKey(), members);
        }
        return groups;
    }

    private Check check(JsonNode node, String at, Set<String> identities, Map<String, List<String>> groups,
                        List<Assertion> everyCheck, Set<String> knownVariables) {
        if (!isObject(node, at, "a check needs name, request and expect")) {
            return null;
        }
        knownKeys(node, at, "name", "request", "expect", "identities", "fresh_token", "before_each", "assert",
                "suite_assertions", "note");
        Set<String> variables = new HashSet<>(knownVariables);
        List<Step> beforeEach = new ArrayList<>();
        JsonNode beforeNode = node.get("before_each");
        if (beforeNode != null && !beforeNode.isNull()) {
            if (!beforeNode.isArray()) {
                problem(at + "/before_each", "before_each must be a list of steps");
            } else {
                for (int i = 0; i < beforeNode.size(); i++) {
                    Step step = step(beforeNode.get(i), at + "/before_each/" + i, identities, variables);
                    if (step != null) {
                        beforeEach.add(step);
                        variables.addAll(step.capture().keySet());
                    }
                }
            }
        }
        RequestSpec request = request(node.get("request"), at + "/request", variables);
        String name = optionalText(node, at, "name");
        if (name == null && request != null) {
            name = request.toString();
        }

        List<String> columns = new ArrayList<>(identities);
        JsonNode only = node.get("identities");
        if (only != null && !only.isNull()) {
            if (!only.isArray() || only.isEmpty()) {
                problem(at + "/identities", "identities must be a non-empty list of identity names");
            } else {
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < only.size(); i++) {
                    String id = only.get(i).asText();
                    if (!identities.contains(id)) {
                        problem(at + "/identities/" + i, unknownIdentity(id, identities));
                    } else {
                        chosen.add(id);
                    }
                }
                columns = identities.stream().filter(chosen::contains).toList();
            }
        }

        Map<String, StatusSet> expected = new LinkedHashMap<>();
        JsonNode expect = node.get("expect");
        if (expect == null || expect.isNull()) {
            problem(at, "a check needs expect: one status for everyone, or a mapping of identity → status with "
                    + "an optional default");
        } else if (expect.isObject()) {
            StatusSet fallback = null;
            Map<String, StatusSet> byGroup = new LinkedHashMap<>();
            for (var entry : expect.properties()) {
                String key = entry.getKey();
                String keyAt = at + "/expect/" + escape(key);
                StatusSet set = statusSet(entry.getValue(), keyAt);
                if (key.equals("default")) {
                    fallback = set;
                } else if (groups.containsKey(key)) {
                    if (set != null) {
                        groups.get(key).forEach(member -> byGroup.putIfAbsent(member, set));
                    }
                } else if (!identities.contains(key)) {
                    problem(keyAt, unknownIdentity(key, identities) + " and no group called so");
                } else if (set != null) {
                    expected.put(key, set);
                }
            }
            byGroup.forEach(expected::putIfAbsent);
            for (String column : columns) {
                if (!expected.containsKey(column)) {
                    if (fallback != null) {
                        expected.put(column, fallback);
                    } else {
                        problem(at + "/expect", "no expected status for '" + column + "': add it or a default");
                    }
                }
            }
        } else {
            StatusSet set = statusSet(expect, at + "/expect");
            if (set != null) {
                columns.forEach(column -> expected.put(column, set));
            }
        }
        expected.keySet().retainAll(columns);

        boolean fresh = false;
        if (node.has("fresh_token")) {
            if (!node.get("fresh_token").isBoolean()) {
                problem(at + "/fresh_token", "fresh_token must be true or false");
            } else {
                fresh = node.get("fresh_token").asBoolean();
            }
        }
        List<Assertion> assertions = new ArrayList<>(assertions(node.get("assert"), at + "/assert", identities, groups));
        JsonNode suiteAssertions = node.get("suite_assertions");
        if (suiteAssertions != null && !suiteAssertions.isBoolean()) {
            problem(at + "/suite_assertions", "suite_assertions must be true or false");
        } else if (suiteAssertions == null || suiteAssertions.asBoolean()) {
            assertions.addAll(everyCheck);
        }
        if (request == null || name == null) {
            return null;
        }
        return new Check(name, request, columns, expected, fresh, beforeEach, assertions);
    }

    private List<Assertion> assertions(JsonNode node, String at, Set<String> identities,
                                       Map<String, List<String>> groups) {
        List<Assertion> assertions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return assertions;
        }
        if (!node.isArray()) {
            problem(at, "assert must be a list");
            return assertions;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode a = node.get(i);
            String aAt = at + "/" + i;
            if (!isObject(a, aAt, "an assertion needs header or json, and equals, matches or present")) {
                continue;
            }
            knownKeys(a, aAt, "header", "json", "equals", "matches", "present", "when_status", "when_identity");
            Assertion.Target target;
            if (a.has("header") == a.has("json")) {
                problem(aAt, "an assertion reads exactly one of header or json");
                continue;
            } else if (a.has("header")) {
                target = new Assertion.Target.Header(a.get("header").asText());
            } else {
                String pointer = a.get("json").asText();
                if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                    problem(aAt + "/json", "json takes a JSON pointer such as /status");
                    continue;
                }
                target = new Assertion.Target.JsonValue(pointer);
            }
            int conditions = (a.has("equals") ? 1 : 0) + (a.has("matches") ? 1 : 0) + (a.has("present") ? 1 : 0);
            if (conditions != 1) {
                problem(aAt, "an assertion needs exactly one of equals, matches or present");
                continue;
            }
            Assertion.Condition condition;
            if (a.has("equals")) {
                condition = new Assertion.Condition.EqualTo(a.get("equals"));
            } else if (a.has("present")) {
                if (!a.get("present").isBoolean()) {
                    problem(aAt + "/present", "present must be true or false");
                    continue;
                }
                condition = new Assertion.Condition.Present(a.get("present").asBoolean());
            } else {
                try {
                    condition = new Assertion.Condition.Matches(Pattern.compile(a.get("matches").asText()));
                } catch (PatternSyntaxException e) {
                    problem(aAt + "/matches", "not a regular expression: " + e.getDescription());
                    continue;
                }
            }
            Set<Integer> statuses = new HashSet<>();
            if (a.has("when_status")) {
                StatusSet set = statusSet(a.get("when_status"), aAt + "/when_status");
                if (set != null) {
                    statuses.addAll(set.statuses());
                }
            }
            Set<String> ids = new HashSet<>();
            JsonNode whenIdentity = a.get("when_identity");
            if (whenIdentity != null) {
                List<JsonNode> values = new ArrayList<>();
                if (whenIdentity.isArray()) {
                    whenIdentity.forEach(values::add);
                } else {
                    values.add(whenIdentity);
                }
                for (JsonNode value : values) {
                    if (groups.containsKey(value.asText())) {
                        ids.addAll(groups.get(value.asText()));
                    } else if (!identities.contains(value.asText())) {
                        problem(aAt + "/when_identity", unknownIdentity(value.asText(), identities));
                    } else {
                        ids.add(value.asText());
                    }
                }
            }
            assertions.add(new Assertion(target, condition, statuses, ids));
        }
        return assertions;
    }

    private List<Replay> replays(JsonNode node, Set<String> identities) {
        List<Replay> replays = new ArrayList<>();
        if (node == null || node.isNull()) {
            return replays;
        }
        if (!node.isArray()) {
            problem("/replays", "replays must be a list");
            return replays;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "/replays/" + i;
            if (!isObject(r, at, "a replay needs name and event")) {
                continue;
            }
            knownKeys(r, at, "name", "event", "login", "by");
            String eventName = requiredText(r, at, "event");
            if (eventName == null) {
                continue;
            }
            Optional<Replay.Event> event = Replay.Event.fromYaml(eventName);
            if (event.isEmpty()) {
                problem(at + "/event", "unknown event '" + eventName + "'; use logout, refresh, password-reset or "
                        + "delete-user");
                continue;
            }
            String name = optionalText(r, at, "name");
            String username = null;
            String password = null;
            String by = null;
            switch (event.get()) {
                case LOGOUT, REFRESH -> {
                    JsonNode login = r.get("login");
                    if (!isObject(login, at + "/login", "a " + eventName
                            + " replay needs login: {username, password} (a fresh session of its own)")) {
                        continue;
                    }
                    knownKeys(login, at + "/login", "username", "password");
                    username = requiredText(login, at + "/login", "username");
                    password = requiredText(login, at + "/login", "password");
                }
                case DELETE_USER -> {
                    by = requiredText(r, at, "by");
                    if (by != null && (!identities.contains(by) || by.equals(Suite.ANONYMOUS))) {
                        problem(at + "/by", "by names the identity that deletes users, e.g. root; "
                                + unknownIdentity(by, identities));
                    }
                }
                case PASSWORD_RESET -> {
                }
            }
            replays.add(new Replay(name == null ? "replay after " + eventName : name, event.get(), username,
                    password, by));
        }
        return replays;
    }

    private RequestSpec request(JsonNode node, String at, Set<String> variables) {
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
            return new RequestSpec(m.group(1).toUpperCase(java.util.Locale.ROOT), path, Map.of(),
                    new RequestSpec.Body.None());
        }
        if (!node.isObject()) {
            problem(at, "request must be \"METHOD /path\" or a mapping");
            return null;
        }
        knownKeys(node, at, "method", "path", "headers", "json", "form", "body", "content_type");
        String method = optionalText(node, at, "method");
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
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

    private void checkPath(String path, String at, Set<String> variables) {
        if (!path.startsWith("/")) {
            problem(at, "the path must start with '/', e.g. /v1/posts");
        }
        checkVariables(path, at, variables);
    }

    private void checkVariablesIn(JsonNode json, String at, Set<String> variables) {
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

    private void checkVariables(String text, String at, Set<String> variables) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            if (!variables.contains(m.group(1))) {
                problem(at, "unknown variable ${" + m.group(1) + "}: define it under variables or capture it in "
                        + "an earlier step");
            }
        }
    }

    private StatusSet statusSet(JsonNode node, String at) {
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

    private Map<String, String> stringMap(JsonNode node, String at) {
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

    private ObjectNode optionalObject(JsonNode node, String at, String field) {
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

    private boolean isObject(JsonNode node, String at, String hint) {
        if (node == null || !node.isObject()) {
            problem(at, hint);
            return false;
        }
        return true;
    }

    private String requiredText(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            problem(value == null ? at : at + "/" + field, field + " is required"
                    + (value != null && !value.isValueNode() ? " and must be text" : ""));
            return null;
        }
        return value.asText();
    }

    private String optionalText(JsonNode node, String at, String field) {
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

    private void knownKeys(JsonNode node, String at, String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        node.fieldNames().forEachRemaining(key -> {
            if (!allowedSet.contains(key)) {
                problem(at + "/" + escape(key), "unknown key '" + key + "'" + (at.isEmpty() ? "" : " in " + at)
                        + "; allowed: " + String.join(", ", allowed));
            }
        });
    }

    private static String unknownIdentity(String name, Set<String> identities) {
        return "no identity called '" + name + "' (known: " + String.join(", ", identities) + ")";
    }

    private void problem(String pointer, String message) {
        JsonLocation at = locations.at(pointer);
        problems.add(new SuiteProblem(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                message));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
