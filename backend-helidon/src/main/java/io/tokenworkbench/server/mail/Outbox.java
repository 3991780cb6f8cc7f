package io.tokenworkbench.server.mail;

import io.tokenworkbench.model.dev.OutboxMail;

import java.util.List;

/** Where mail goes: the backend writes it here and a relay (or, in dev mode, a person at /v1/dev/outbox) takes it. */
public interface Outbox {

    void send(String to, String subject, String body);

    /** Newest first. */
    List<OutboxMail> newest(int limit);
}
