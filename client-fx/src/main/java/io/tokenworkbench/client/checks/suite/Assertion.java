package io.tokenworkbench.client.checks.suite;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A condition on a cell's response beyond its status, checked only on the cells it applies to.
 *
 * @param target     what to look at
 * @param condition  what must hold
 * @param statuses   only cells that answered one of these (empty: any)
 * @param identities only cells of these identities (empty: any)
 */
public record Assertion(Target target, Condition condition, Set<Integer> statuses, Set<String> identities) {

    public Assertion {
        statuses = Set.copyOf(statuses);
        identities = Set.copyOf(identities);
    }

    public boolean appliesTo(String identity, int status) {
        return (statuses.isEmpty() || statuses.contains(status))
                && (identities.isEmpty() || identities.contains(identity));
    }

    /** The part of the response an assertion reads. */
    public sealed interface Target {
        /** A response header, by case-insensitive name. */
        record Header(String name) implements Target {
            @Override
            public String toString() {
                return "header " + name;
            }
        }

        /** A claim of the identity's access token, by JSON pointer into its payload ({@code /scopes}). */
        record Claim(String pointer) implements Target {
            @Override
            public String toString() {
                return "claim " + pointer;
            }
        }

        /** A value of the JSON body, by JSON pointer (RFC 6901). */
        record JsonValue(String pointer) implements Target {
            @Override
            public String toString() {
                return "JSON " + pointer;
            }
        }
    }

    /** What must hold of the target. */
    public sealed interface Condition {
        /** Present ({@code true}) or absent ({@code false}). */
        record Present(boolean present) implements Condition {
        }

        /** Equal to this JSON value (a header compares as text). */
        record EqualTo(JsonNode value) implements Condition {
        }

        /** Present and matching this regular expression somewhere (use ^…$ to anchor). */
        record Matches(Pattern pattern) implements Condition {
        }

        /**
         * A list that holds this value, or a space-separated string that holds it as a word (as OAuth2's
         * {@code scope}), when {@code holds}; one that does not, when not.
         */
        record Contains(JsonNode value, boolean holds) implements Condition {
        }
    }
}
