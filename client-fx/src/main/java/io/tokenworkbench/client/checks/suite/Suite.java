package io.tokenworkbench.client.checks.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated check suite. {@code anonymous} is always the first column and never listed in
 * {@link #identities()}.
 *
 * @param name        title
 * @param description free text, may be empty
 * @param server      the server it names, if any (the command line or the workbench may override it)
 * @param parallelism how many requests run at once
 * @param variables   fixed variables, usable as {@code ${name}}
 * @param identities  identities in column order
 * @param setup       steps run once, in order, before the checks
 * @param checks      the matrix rows
 * @param replays     replay steps, run after the checks
 */
public record Suite(String name, String description, Optional<String> server, int parallelism,
                    Map<String, String> variables, List<SuiteIdentity> identities, List<Step> setup,
                    List<Check> checks, List<Replay> replays) {

    public static final String ANONYMOUS = "anonymous";

    public Suite {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        identities = List.copyOf(identities);
        setup = List.copyOf(setup);
        checks = List.copyOf(checks);
        replays = List.copyOf(replays);
    }

    /** Every column name: {@code anonymous} first, then the identities in order. */
    public List<String> columns() {
        List<String> columns = new java.util.ArrayList<>();
        columns.add(ANONYMOUS);
        identities.forEach(identity -> columns.add(identity.name()));
        return columns;
    }

    /** The same suite with its check list replaced. */
    public Suite withChecks(List<Check> newChecks) {
        return new Suite(name, description, server, parallelism, variables, identities, setup, newChecks, replays);
    }
}
