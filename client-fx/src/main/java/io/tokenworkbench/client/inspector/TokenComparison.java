package io.tokenworkbench.client.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two tokens side by side, claim by claim: header members first, then payload claims, each marked same, changed,
 * or present on one side only.
 */
public final class TokenComparison {

    private TokenComparison() {
    }

    /** How a member differs. */
    public enum Difference { SAME, CHANGED, ONLY_LEFT, ONLY_RIGHT }

    /**
     * One compared member.
     *
     * @param part  "header" or "payload"
     * @param name  the member's name
     * @param left  its value in the left token (compact JSON), or empty when absent
     * @param right its value in the right token, or empty when absent
     * @param difference how they differ
     */
    public record Row(String part, String name, String left, String right, Difference difference) {
    }

    public static List<Row> compare(DecodedToken left, DecodedToken right) {
        List<Row> rows = new ArrayList<>();
        compare("header", left.header(), right.header(), rows);
        compare("payload", left.payload(), right.payload(), rows);
        return rows;
    }

    /** How many rows differ. */
    public static long differences(List<Row> rows) {
        return rows.stream().filter(row -> row.difference() != Difference.SAME).count();
    }

    private static void compare(String part, ObjectNode left, ObjectNode right, List<Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        left.fieldNames().forEachRemaining(names::add);
        right.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode l = left.get(name);
            JsonNode r = right.get(name);
            Difference difference = l == null ? Difference.ONLY_RIGHT : r == null ? Difference.ONLY_LEFT
                    : l.equals(r) ? Difference.SAME : Difference.CHANGED;
            rows.add(new Row(part, name, show(l), show(r), difference));
        }
    }

    private static String show(JsonNode value) {
        if (value == null) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
