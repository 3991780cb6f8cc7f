package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

    private static final String BUILTIN_RESOURCE = "/io/tokenworkbench/client/checks/builtin-suite.yaml";
    private static final int MAX_PARALLELISM = 64;

    private final SuiteReader in;
    private final IdentityParser identityParser;

    private SuiteParser(SuiteReader in) {
        this.in = in;
        this.identityParser = new IdentityParser(in);
    }

    /** Parses a suite file; {@code ${file:…}} references are relative to its folder. */
    public static Suite parse(Path file) throws SuiteException {
        return parse(file, System.getenv());
    }

    /** As {@link #parse(Path)}, with {@code ${env:…}} read from {@code environment}. */
    public static Suite parse(Path file, Map<String, String> environment) throws SuiteException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SuiteException(List.of(new SuiteProblem(file.toString(), 0, 0,
                    "cannot read the file: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()))));
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(file.getFileName().toString(), text, SuiteEnvironment.of(environment, folder));
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

    /** Parses suite text in the process's environment, files relative to the working directory. */
    public static Suite parse(String source, String yaml) throws SuiteException {
        return parse(source, yaml, SuiteEnvironment.system(Path.of("").toAbsolutePath()));
    }

    /** Parses suite text; {@code source} names it in problems, {@code environment} answers references. */
    public static Suite parse(String source, String yaml, SuiteEnvironment environment) throws SuiteException {
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
        if (root == null || !root.isObject()) {
            throw new SuiteException(List.of(new SuiteProblem(source, 1, 1,
                    "a suite is a YAML mapping with at least 'name', 'identities' and 'checks'")));
        }
        SuiteParser parser = new SuiteParser(new SuiteReader(source, locations, environment));
        Suite suite = parser.suite(root, environment);
        if (!parser.in.problems().isEmpty()) {
            throw new SuiteException(parser.in.problems());
        }
        return suite;
    }

    private Suite suite(JsonNode root, SuiteEnvironment environment) {
        in.knownKeys(root, "", "name", "description", "server", "parallelism", "variables", "auth", "identities",
                "groups", "assert", "setup", "checks", "replays", "teardown");
        String name = in.requiredText(root, "", "name");
        String description = in.optionalText(root, "", "description");
        Optional<String> server = Optional.ofNullable(in.optionalText(root, "", "server"));
        server.ifPresent(url -> {
            if (!url.matches("https?://\\S+")) {
                in.problem("/server", "server must be an http(s) URL, e.g. http://localhost:8080");
            }
        });
        int parallelism = 4;
        if (root.has("parallelism")) {
            JsonNode p = root.get("parallelism");
            if (!p.isInt() || p.asInt() < 1 || p.asInt() > MAX_PARALLELISM) {
                in.problem("/parallelism", "parallelism must be a whole number from 1 to " + MAX_PARALLELISM);
            } else {
                parallelism = p.asInt();
            }
        }
        Map<String, String> variables = in.stringMap(root.get("variables"), "/variables");
        Set<String> known = new HashSet<>(variables.keySet());
        known.addAll(BUILTIN_VARIABLES);
        variables.forEach((v, value) -> {
            if (BUILTIN_VARIABLES.contains(v)) {
                in.problem("/variables/" + v, "'" + v + "' is a built-in variable and cannot be redefined");
            }
            in.checkVariables(value, "/variables/" + SuiteReader.escape(v), variable -> false);
        });

        Auth auth = identityParser.auth(root.get("auth"));
        List<SuiteIdentity> identities = identityParser.identities(root.get("identities"), auth, variables.keySet());
        Set<String> identityNames = new LinkedHashSet<>();
        identityNames.add(Suite.ANONYMOUS);
        identities.forEach(i -> identityNames.add(i.name()));

        Map<String, List<String>> groups = groups(root.get("groups"), identityNames);
        List<Assertion> everyCheck = assertions(root.get("assert"), "/assert", identityNames, groups);

        Set<String> collected = new HashSet<>();
        List<Step> setup = new ArrayList<>();
        JsonNode setupNode = root.get("setup");
        if (setupNode != null && !setupNode.isNull()) {
            if (!setupNode.isArray()) {
                in.problem("/setup", "setup must be a list of steps");
            } else {
                for (int i = 0; i < setupNode.size(); i++) {
                    Step step = step(setupNode.get(i), "/setup/" + i, identityNames, known, collected, false);
                    if (step != null) {
                        setup.add(step);
                        known.addAll(step.capture().keySet());
                    }
                }
            }
        }
        identityParser.checkDeferredVariables(known);

        List<Check> checks = new ArrayList<>();
        JsonNode checksNode = root.get("checks");
        if (checksNode == null || !checksNode.isArray() || checksNode.isEmpty()) {
            in.problem("/checks", "checks must be a non-empty list");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < checksNode.size(); i++) {
                Check check = check(checksNode.get(i), "/checks/" + i, identityNames, groups, everyCheck, known,
                        collected);
                if (check != null && !names.add(check.name())) {
                    in.problem("/checks/" + i + "/name", "another check is already called '" + check.name() + "'");
                }
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        List<Replay> replays = replays(root.get("replays"), identityNames, identities.stream()
                .filter(identity -> identity instanceof SuiteIdentity.AuthorizationCode).map(SuiteIdentity::name)
                .toList());
        List<Step> teardown = new ArrayList<>();
        JsonNode teardownNode = root.get("teardown");
        if (teardownNode != null && !teardownNode.isNull()) {
            if (!teardownNode.isArray()) {
                in.problem("/teardown", "teardown must be a list of steps");
            } else {
                Set<String> withItem = new HashSet<>(known);
                withItem.add(ITEM);
                for (int i = 0; i < teardownNode.size(); i++) {
                    Step step = step(teardownNode.get(i), "/teardown/" + i, identityNames, withItem, collected, true);
                    if (step != null) {
                        teardown.add(step);
                    }
                }
            }
        }
        return new Suite(name == null ? "" : name, description == null ? "" : description, server, parallelism,
                variables, auth, identities, setup, checks, replays, teardown, environment);
    }

    /** The variable a teardown step's {@code for_each} sets to each collected value. */
    static final String ITEM = "item";

    /**
     * @param collected the run-wide collections named so far; a {@code collect} adds to it, a {@code for_each} must
     *                  name one of it
     * @param teardown  whether the step is a teardown step ({@code for_each} and {@code as: collector} allowed)
     */
    private Step step(JsonNode node, String at, Set<String> identities, Set<String> knownVariables,
                      Set<String> collected, boolean teardown) {
        if (!in.isObject(node, at, "a step needs at least a request")) {
            return null;
        }
        in.knownKeys(node, at, "name", "as", "request", "expect", "capture", "collect", "for_each");
        String as = in.optionalText(node, at, "as");
        String forEach = in.optionalText(node, at, "for_each");
        if (forEach != null && !teardown) {
            in.problem(at + "/for_each", "for_each is for teardown steps: they run once per collected item");
            forEach = null;
        } else if (forEach != null && !collected.contains(forEach)) {
            in.problem(at + "/for_each", "no check or step collects '" + forEach + "'"
                    + (collected.isEmpty() ? "" : "; collected: " + String.join(", ", new java.util.TreeSet<>(collected))));
        }
        if (as == null) {
            as = Suite.ANONYMOUS;
        } else if (as.equals(Step.COLLECTOR)) {
            if (forEach == null) {
                in.problem(at + "/as", "as: collector acts as whoever collected the item, so it needs for_each");
            }
        } else if (!identities.contains(as)) {
            in.problem(at + "/as", SuiteReader.unknownIdentity(as, identities));
        }
        Set<String> variables = forEach == null && teardown ? withoutItem(knownVariables) : knownVariables;
        RequestSpec request = in.request(node.get("request"), at + "/request", variables::contains);
        StatusSet expect = node.has("expect") ? in.statusSet(node.get("expect"), at + "/expect") : null;
        Map<String, String> capture = in.stringMap(node.get("capture"), at + "/capture");
        capture.forEach((variable, from) -> {
            String captureAt = at + "/capture/" + SuiteReader.escape(variable);
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                in.problem(captureAt, "variable names are letters, digits and '_'");
            } else if (BUILTIN_VARIABLES.contains(variable)) {
                in.problem(captureAt, "'" + variable + "' is a built-in variable");
            }
            pointer(from, captureAt, "capture");
        });
        Map<String, String> collect = collections(node.get("collect"), at + "/collect");
        collected.addAll(collect.keySet());
        String name = in.optionalText(node, at, "name");
        if (request == null) {
            return null;
        }
        return new Step(name == null ? request.toString() : name, as, request, expect, capture, collect, forEach);
    }

    private static Set<String> withoutItem(Set<String> variables) {
        Set<String> without = new HashSet<>(variables);
        without.remove(ITEM);
        return without;
    }

    /** {@code collect: {name: /pointer}}: names of run-wide collections and where their values come from. */
    private Map<String, String> collections(JsonNode node, String at) {
        Map<String, String> collect = in.stringMap(node, at);
        collect.forEach((collection, from) -> {
            String collectAt = at + "/" + SuiteReader.escape(collection);
            if (!collection.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                in.problem(collectAt, "collection names are letters, digits and '_'");
            }
            pointer(from, collectAt, "collect");
        });
        return collect;
    }

    private void pointer(String from, String at, String what) {
        if (!from.startsWith("/") && !from.startsWith("header:") && !from.isEmpty()) {
            in.problem(at, what + " from a JSON pointer such as /id, or header:Location");
        }
    }

    private Map<String, List<String>> groups(JsonNode node, Set<String> identities) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isObject()) {
            in.problem("/groups", "groups must be a mapping of group name → list of identities");
            return groups;
        }
        for (var entry : node.properties()) {
            String at = "/groups/" + SuiteReader.escape(entry.getKey());
            if (identities.contains(entry.getKey()) || entry.getKey().equals("default")) {
                in.problem(at, "a group cannot be called like an identity or 'default'");
                continue;
            }
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                in.problem(at, "a group is a non-empty list of identity names");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                String member = entry.getValue().get(i).asText();
                if (!identities.contains(member)) {
                    in.problem(at + "/" + i, SuiteReader.unknownIdentity(member, identities));
                } else {
                    members.add(member);
                }
            }
            groups.put(entry.getKey(), members);
        }
        return groups;
    }

    private Check check(JsonNode node, String at, Set<String> identities, Map<String, List<String>> groups,
                        List<Assertion> everyCheck, Set<String> knownVariables, Set<String> collected) {
        if (!in.isObject(node, at, "a check needs name, request and expect")) {
            return null;
        }
        in.knownKeys(node, at, "name", "request", "expect", "identities", "fresh_token", "before_each", "assert",
                "repeat", "suite_assertions", "note", "collect");
        Set<String> variables = new HashSet<>(knownVariables);
        List<Step> beforeEach = new ArrayList<>();
        JsonNode beforeNode = node.get("before_each");
        if (beforeNode != null && !beforeNode.isNull()) {
            if (!beforeNode.isArray()) {
                in.problem(at + "/before_each", "before_each must be a list of steps");
            } else {
                for (int i = 0; i < beforeNode.size(); i++) {
                    Step step = step(beforeNode.get(i), at + "/before_each/" + i, identities, variables, collected,
                            false);
                    if (step != null) {
                        beforeEach.add(step);
                        variables.addAll(step.capture().keySet());
                    }
                }
            }
        }
        RequestSpec request = in.request(node.get("request"), at + "/request", variables::contains);
        String name = in.optionalText(node, at, "name");
        if (name == null && request != null) {
            name = request.toString();
        }

        List<String> columns = new ArrayList<>(identities);
        JsonNode only = node.get("identities");
        if (only != null && !only.isNull()) {
            if (!only.isArray() || only.isEmpty()) {
                in.problem(at + "/identities", "identities must be a non-empty list of identity names");
            } else {
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < only.size(); i++) {
                    String id = only.get(i).asText();
                    if (!identities.contains(id)) {
                        in.problem(at + "/identities/" + i, SuiteReader.unknownIdentity(id, identities));
                    } else {
                        chosen.add(id);
                    }
                }
                columns = identities.stream().filter(chosen::contains).toList();
            }
        }

        JsonNode expect = node.get("expect");
        Map<String, StatusSet> expected = new LinkedHashMap<>();
        if (expect == null || expect.isNull()) {
            in.problem(at, "a check needs expect: one status for everyone, or a mapping of identity → status with "
                    + "an optional default");
        } else {
            expected = expectations(expect, at + "/expect", columns, identities, groups);
        }
        Check.Repeat repeat = repeat(node.get("repeat"), at + "/repeat", columns, identities, groups);

        boolean fresh = false;
        if (node.has("fresh_token")) {
            if (!node.get("fresh_token").isBoolean()) {
                in.problem(at + "/fresh_token", "fresh_token must be true or false");
            } else {
                fresh = node.get("fresh_token").asBoolean();
            }
        }
        List<Assertion> assertions = new ArrayList<>(assertions(node.get("assert"), at + "/assert", identities, groups));
        JsonNode suiteAssertions = node.get("suite_assertions");
        if (suiteAssertions != null && !suiteAssertions.isBoolean()) {
            in.problem(at + "/suite_assertions", "suite_assertions must be true or false");
        } else if (suiteAssertions == null || suiteAssertions.asBoolean()) {
            assertions.addAll(everyCheck);
        }
        Map<String, String> collect = collections(node.get("collect"), at + "/collect");
        collected.addAll(collect.keySet());
        if (request == null || name == null) {
            return null;
        }
        return new Check(name, request, columns, expected, fresh, beforeEach, assertions, repeat, collect);
    }

    /** {@code 200}, {@code [200, 429]}, or {identity | group | default → statuses}, for each of the columns. */
    private Map<String, StatusSet> expectations(JsonNode expect, String at, List<String> columns,
                                                Set<String> identities, Map<String, List<String>> groups) {
        Map<String, StatusSet> expected = new LinkedHashMap<>();
        if (expect.isObject()) {
            StatusSet fallback = null;
            Map<String, StatusSet> byGroup = new LinkedHashMap<>();
            for (var entry : expect.properties()) {
                String key = entry.getKey();
                String keyAt = at + "/" + SuiteReader.escape(key);
                StatusSet set = in.statusSet(entry.getValue(), keyAt);
                if (key.equals("default")) {
                    fallback = set;
                } else if (groups.containsKey(key)) {
                    if (set != null) {
                        groups.get(key).forEach(member -> byGroup.putIfAbsent(member, set));
                    }
                } else if (!identities.contains(key)) {
                    in.problem(keyAt, SuiteReader.unknownIdentity(key, identities) + " and no group called so");
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
                        in.problem(at, "no expected status for '" + column + "': add it or a default");
                    }
                }
            }
        } else {
            StatusSet set = in.statusSet(expect, at);
            if (set != null) {
                columns.forEach(column -> expected.put(column, set));
            }
        }
        expected.keySet().retainAll(columns);
        return expected;
    }

    private Check.Repeat repeat(JsonNode node, String at, List<String> columns, Set<String> identities,
                                Map<String, List<String>> groups) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!in.isObject(node, at, "repeat is {count: N, expect_last: 429}")) {
            return null;
        }
        in.knownKeys(node, at, "count", "expect_last");
        JsonNode count = node.get("count");
        if (count == null || !count.isInt() || count.asInt() < 2 || count.asInt() > Check.MAX_REPEAT) {
            in.problem(at + "/count", "count is a whole number from 2 to " + Check.MAX_REPEAT);
            return null;
        }
        JsonNode last = node.get("expect_last");
        if (last == null || last.isNull()) {
            in.problem(at, "repeat needs expect_last: the status the last request must get, e.g. 429");
            return null;
        }
        return new Check.Repeat(count.asInt(), expectations(last, at + "/expect_last", columns, identities, groups));
    }

    private List<Assertion> assertions(JsonNode node, String at, Set<String> identities,
                                       Map<String, List<String>> groups) {
        List<Assertion> assertions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return assertions;
        }
        if (!node.isArray()) {
            in.problem(at, "assert must be a list");
            return assertions;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode a = node.get(i);
            String aAt = at + "/" + i;
            if (!in.isObject(a, aAt, "an assertion needs header, json or claim, and equals, matches, present, "
                    + "absent, contains or excludes")) {
                continue;
            }
            in.knownKeys(a, aAt, "header", "json", "claim", "equals", "matches", "present", "absent", "contains",
                    "excludes", "when_status", "when_identity");
            Assertion.Target target = assertionTarget(a, aAt);
            Assertion.Condition condition = target == null ? null : assertionCondition(a, aAt);
            if (condition == null) {
                continue;
            }
            Set<Integer> statuses = new HashSet<>();
            if (a.has("when_status")) {
                StatusSet set = in.statusSet(a.get("when_status"), aAt + "/when_status");
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
                        in.problem(aAt + "/when_identity", SuiteReader.unknownIdentity(value.asText(), identities));
                    } else {
                        ids.add(value.asText());
                    }
                }
            }
            assertions.add(new Assertion(target, condition, statuses, ids));
        }
        return assertions;
    }

    private Assertion.Target assertionTarget(JsonNode a, String at) {
        List<String> targets = List.of("header", "json", "claim").stream().filter(a::has).toList();
        if (targets.size() != 1) {
            in.problem(at, "an assertion reads exactly one of header, json (the response body) or claim (the "
                    + "identity's token)");
            return null;
        }
        String text = a.get(targets.getFirst()).asText();
        if (!targets.getFirst().equals("header") && !text.isEmpty() && !text.startsWith("/")) {
            in.problem(at + "/" + targets.getFirst(), targets.getFirst() + " takes a JSON pointer such as /scope");
            return null;
        }
        return switch (targets.getFirst()) {
            case "header" -> new Assertion.Target.Header(text);
            case "json" -> new Assertion.Target.JsonValue(text);
            default -> new Assertion.Target.Claim(text);
        };
    }

    private Assertion.Condition assertionCondition(JsonNode a, String at) {
        List<String> conditions = List.of("equals", "matches", "present", "absent", "contains", "excludes").stream()
                .filter(a::has).toList();
        if (conditions.size() != 1) {
            in.problem(at, "an assertion needs exactly one of equals, matches, present, absent, contains or excludes");
            return null;
        }
        JsonNode value = a.get(conditions.getFirst());
        switch (conditions.getFirst()) {
            case "equals" -> {
                return new Assertion.Condition.EqualTo(value);
            }
            case "present", "absent" -> {
                if (!value.isBoolean()) {
                    in.problem(at + "/" + conditions.getFirst(), conditions.getFirst() + " must be true or false");
                    return null;
                }
                return new Assertion.Condition.Present(value.asBoolean() == conditions.getFirst().equals("present"));
            }
            case "contains", "excludes" -> {
                if (!value.isValueNode() || value.isNull()) {
                    in.problem(at + "/" + conditions.getFirst(), conditions.getFirst() + " takes one value, e.g. admin");
                    return null;
                }
                return new Assertion.Condition.Contains(value, conditions.getFirst().equals("contains"));
            }
            default -> {
                try {
                    return new Assertion.Condition.Matches(Pattern.compile(value.asText()));
                } catch (PatternSyntaxException e) {
                    in.problem(at + "/matches", "not a regular expression: " + e.getDescription());
                    return null;
                }
            }
        }
    }

    private List<Replay> replays(JsonNode node, Set<String> identities, List<String> authorizationCodeIdentities) {
        List<Replay> replays = new ArrayList<>();
        if (node == null || node.isNull()) {
            return replays;
        }
        if (!node.isArray()) {
            in.problem("/replays", "replays must be a list");
            return replays;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "/replays/" + i;
            if (!in.isObject(r, at, "a replay needs name and event")) {
                continue;
            }
            in.knownKeys(r, at, "name", "event", "login", "by", "session");
            String eventName = in.requiredText(r, at, "event");
            if (eventName == null) {
                continue;
            }
            Optional<Replay.Event> event = Replay.Event.fromYaml(eventName);
            if (event.isEmpty()) {
                in.problem(at + "/event", "unknown event '" + eventName + "'; use logout, refresh, password-reset, "
                        + "delete-user, authorization-code or session");
                continue;
            }
            String name = in.optionalText(r, at, "name");
            String sessionName = in.optionalText(r, at, "session");
            Replay.Session session = sessionName == null ? Replay.Session.PASSWORD_GRANT
                    : Replay.Session.fromYaml(sessionName).orElse(null);
            if (session == null) {
                in.problem(at + "/session", "unknown session '" + sessionName + "'; use password-grant or dev-mint");
                continue;
            }
            String username = null;
            String password = null;
            String by = null;
            switch (event.get()) {
                case LOGOUT, REFRESH -> {
                    JsonNode login = r.get("login");
                    if (!in.isObject(login, at + "/login", "a " + eventName
                            + " replay needs login: {username, password} (a fresh session of its own)")) {
                        continue;
                    }
                    in.knownKeys(login, at + "/login", "username", "password");
                    username = in.requiredText(login, at + "/login", "username");
                    password = session == Replay.Session.DEV_MINT ? in.optionalText(login, at + "/login", "password")
                            : in.requiredText(login, at + "/login", "password");
                }
                case AUTHORIZATION_CODE -> {
                    by = in.requiredText(r, at, "by");
                    if (by != null && authorizationCodeIdentities.stream().noneMatch(by::equals)) {
                        in.problem(at + "/by", "by names an authorization_code identity, whose code is presented "
                                + "again (" + (authorizationCodeIdentities.isEmpty() ? "there is none"
                                : String.join(", ", authorizationCodeIdentities)) + ")");
                    }
                }
                case SESSION -> {
                    JsonNode login = r.get("login");
                    if (!in.isObject(login, at + "/login", "a " + eventName
                            + " replay needs login: {username, password} (it signs in as that user)")) {
                        continue;
                    }
                    in.knownKeys(login, at + "/login", "username", "password");
                    username = in.requiredText(login, at + "/login", "username");
                    password = in.requiredText(login, at + "/login", "password");
                }
                case DELETE_USER -> {
                    by = in.requiredText(r, at, "by");
                    if (by != null && (!identities.contains(by) || by.equals(Suite.ANONYMOUS))) {
                        in.problem(at + "/by", "by names the identity that deletes users, e.g. root; "
                                + SuiteReader.unknownIdentity(by, identities));
                    }
                }
                case PASSWORD_RESET -> {
                    by = in.optionalText(r, at, "by");
                    if (by != null && (!identities.contains(by) || by.equals(Suite.ANONYMOUS))) {
                        in.problem(at + "/by", "by names the identity that deletes the throwaway user afterwards, "
                                + "e.g. root; " + SuiteReader.unknownIdentity(by, identities));
                    }
                }
            }
            replays.add(new Replay(name == null ? "replay after " + eventName : name, event.get(), username,
                    password, by, session));
        }
        return replays;
    }

}
