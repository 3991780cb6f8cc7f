package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;

import java.util.List;

/**
 * Where mail goes: the backend writes it here and a relay (or, in dev mode, a person at /v1/dev/outbox) takes it.
 * Mail can carry live secrets (a reset token), so it is kept no longer than needed.
 */
public interface Outbox {

    void send(String to, String subject, String body);

    /** Newest first, the mail still kept. */
    List<OutboxMail> newest(int limit);

    /** Forgets the mail sent to {@code recipient}, e.g. once the reset token it carried was used. */
    void forget(String recipient);
}
