package io.tokenworkbench.client.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An identity the workbench acts as: a user logged in by the password grant, or a raw token pasted in, with its
 * current tokens and the timeline of what happened to them. Immutable; the {@code with…} methods return copies.
 *
 * @param id       stable id within this workbench
 * @param label    what the UI shows, e.g. "alice (posts:read)"
 * @param username the user, or null for a raw token
 * @param scope    the scope asked for, or null
 * @param tokens   the current tokens, or null after logout
 * @param timeline oldest first
 */
public record Identity(String id, String label, String username, String scope, TokenSet tokens,
                       List<TimelineEvent> timeline) {

    public Identity {
        timeline = List.copyOf(timeline);
    }

    public Optional<TokenSet> currentTokens() {
        return Optional.ofNullable(tokens);
    }

    public boolean isRawToken() {
        return username == null;
    }

    public Identity withTokens(TokenSet newTokens, TimelineEvent event) {
        return new Identity(id, label, username, scope, newTokens, append(event));
    }

    public Identity withEvent(TimelineEvent event) {
        return new Identity(id, label, username, scope, tokens, append(event));
    }

    private List<TimelineEvent> append(TimelineEvent event) {
        List<TimelineEvent> events = new ArrayList<>(timeline);
        events.add(event);
        return events;
    }
}
