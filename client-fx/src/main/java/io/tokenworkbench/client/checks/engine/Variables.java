package io.tokenworkbench.client.checks.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values {@code ${name}} stands for during a run: the suite's variables, captures of setup steps, captures of a
 * cell's own steps, and the built-ins {@code ${unique}} (different at every use) and {@code ${run_id}}.
 */
final class Variables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> values;
    private final Variables parent;
    private final String runId;
    private final AtomicLong unique;

    private Variables(Map<String, String> values, Variables parent, String runId, AtomicLong unique) {
        this.values = values;
        this.parent = parent;
        this.runId = runId;
        this.unique = unique;
    }

    static Variables forRun(Map<String, String> suiteVariables, String runId) {
        return new Variables(new ConcurrentHashMap<>(suiteVariables), null, runId, new AtomicLong());
    }

    /** A scope for one cell: sees everything here, and its own captures stay its own. */
    Variables child() {
        return new Variables(new HashMap<>(), this, runId, unique);
    }

    void put(String name, String value) {
        values.put(name, value);
    }

    String runId() {
        return runId;
    }

    /** Fills in every {@code ${name}}; an unknown name is an error naming it. */
    String fill(String text) {
        Matcher m = VARIABLE.matcher(text);
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

    private String value(String name) {
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
                throw new IllegalStateException("the variable ${" + name + "} has no value (its capture failed?)");
            }
        }
    }
}
