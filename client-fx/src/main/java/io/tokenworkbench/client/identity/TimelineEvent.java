package io.tokenworkbench.client.identity;

import java.time.Instant;

/** Something that happened to an identity's tokens. Immutable; never holds a token. */
public record TimelineEvent(Instant at, Kind kind, String detail) {

    /** What happened. */
    public enum Kind { ISSUED, REFRESHED, REVOKED, FAILED }
}
