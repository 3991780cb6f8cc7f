package io.tokenworkbench.client.inspector;

/**
 * One thing the linter noticed about a token. Immutable.
 *
 * @param severity how much it matters
 * @param code     a stable identifier, such as {@code alg-none}
 * @param message  what is wrong and why, in words a person can act on
 */
public record Finding(Severity severity, String code, String message) {

    /** From most to least serious. */
    public enum Severity { CRITICAL, WARNING, INFO }
}
