package io.tokenworkbench.client.checks.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * @param auth        token endpoint, custom login and keys
 * @param identities  identities in column order
 * @param setup       steps run once, in order, before the checks
 * @param checks      the matrix rows
 * @param replays     replay steps, run after the checks
 * @param teardown    steps run once the rest is done (also after Stop), to remove what the run created
 * @param environment where {@code ${env:…}} and {@code ${file:…}} references are read
 */
public record Suite(String name, String description, Optional<String> server, int parallelism,
                    Map<String, String> variables, Auth auth, List<SuiteIdentity> identities, List<Step> setup,
                    List<Check> checks, List<Replay> replays, List<Step> teardown, SuiteEnvironment environment) {

    public static final String ANONYMOUS = "anonymous";

    public Suite {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        identities = List.copyOf(identities);
        setup = List.copyOf(setup);
        checks = List.copyOf(checks);
        replays = List.copyOf(replays);
        teardown = List.copyOf(teardown);
    }

    /** Every column name: {@code anonymous} first, then the identities in order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(ANONYMOUS);
        identities.forEach(identity -> columns.add(identity.name()));
        return columns;
    }

    /** The same suite with its check list replaced. */
    public Suite withChecks(List<Check> newChecks) {
        return new Suite(name, description, server, parallelism, variables, auth, identities, setup, newChecks, replays,
                teardown, environment);
    }

    /** The same suite with another {@code auth} section. */
    public Suite withAuth(Auth newAuth) {
        return new Suite(name, description, server, parallelism, variables, newAuth, identities, setup, checks, replays,
                teardown, environment);
    }

    /**
     * What makes this suite this suite, for telling whether a saved run came from it: a SHA-256 of its name, its
     * columns and its rows (name and request). Expectations, assertions and variables can change without changing
     * it.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder(name).append('\n');
        columns().forEach(column -> text.append("column ").append(column).append('\n'));
        checks.forEach(check -> text.append("check ").append(check.name()).append(" = ").append(check.request())
                .append('\n'));
        replays.forEach(replay -> text.append("replay ").append(replay.name()).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
