package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tokenworkbench.client.checks.suite.SuiteEnvironment;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values {@code ${name}} stands for during a run: the suite's variables, captures of setup steps, captures of a
 * cell's own steps, an identity's login fields, the built-ins {@code ${unique}} (different at every use) and
 * {@code ${run_id}}, and {@code ${env:NAME}} and {@code ${file:path}} from the suite's environment. A name without a
 * value is an error, never sent as it is.
 */
final class Variables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> values;
    private final Variables parent;
    private final String runId;
    private final AtomicLong unique;
    private final SuiteEnvironment environment;

    private Variables(Map<String, String> values, Variables parent, String runId, AtomicLong unique,
                      SuiteEnvironment environment) {
        this.values = values;
        this.parent = parent;
        this.runId = runId;
        this.unique = unique;
        this.environment = environment;
    }

    static Variables forRun(Map<String, String> suiteVariables, String runId, SuiteEnvironment environment) {
        Variables run = new Variables(new ConcurrentHashMap<>(), null, runId, new AtomicLong(), environment);
        suiteVariables.forEach((name, value) -> run.put(name, run.fill(value)));
        return run;
    }

    /** A scope for one cell: sees everything here, and its own captures stay its own. */
    Variables child() {
        return new Variables(new HashMap<>(), this, runId, unique, environment);
    }

    /** A scope that also knows these values, e.g. an identity's login fields as {@code ${username}}. */
    Variables with(Map<String, String> more) {
        Variables scope = child();
        more.forEach(scope::put);
        return scope;
    }

    void put(String name, String value) {
        values.put(name, value);
    }

    String runId() {
        return runId;
    }

    /**
     * Fills in every reference.
     *
     * @throws IllegalStateException naming a variable that has no value (yet), an unset environment variable or an
     *                               unreadable file
     */
    String fill(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A copy of the JSON document with every string value filled in. */
    JsonNode fill(JsonNode json) {
        if (json.isTextual()) {
            return TextNode.valueOf(fill(json.asText()));
        }
        if (json instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), fill(e.getValue())));
            return copy;
        }
        if (json instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(fill(item)));
            return copy;
        }
        return json;
    }

    /** A {@code ${name}} without a value (yet). */
    static final class Unresolved extends IllegalStateException {
        private final String variable;

        Unresolved(String variable) {
            super("the variable ${" + variable + "} has no value (its capture failed, or it is captured later than "
                    + "it is used)");
            this.variable = variable;
        }

        String variable() {
            return variable;
        }
    }

    private String value(String name) {
        if (name.startsWith("env:") || name.startsWith("file:")) {
            try {
                return environment.resolve(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("${" + name + "}: " + e.getMessage(), e);
            }
        }
        switch (name) {
            case "unique" -> {
                return runId + "-" + unique.incrementAndGet();
            }
            case "run_id" -> {
                return runId;
            }
            default -> {
                for (Variables scope = this; scope != null; scope = scope.parent) {
                    String value = scope.values.get(name);
                    if (value != null) {
                        return value;
                    }
                }
                throw new Unresolved(name);
            }
        }
    }
}
