package io.tokenworkbench.server.dev;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.mail.Outbox;

/** {@code GET /v1/dev/outbox} (dev mode only): the mail the backend would have sent, newest first. */
public final class DevOutboxRoutes {

    private final Outbox outbox;

    public DevOutboxRoutes(Outbox outbox) {
        this.outbox = outbox;
    }

    public void list(ServerRequest request, ServerResponse response) {
        JsonBodies.noStore(response);
        JsonBodies.ok(response, outbox.newest(100));
    }
}
