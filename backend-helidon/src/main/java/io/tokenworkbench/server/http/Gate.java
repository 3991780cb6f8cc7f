package io.tokenworkbench.server.http;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The first handler of a route: it decides who may call it and passes the request on ({@code response.next()}) or
 * refuses it. Its {@link #level()} is the route's access level as the OpenAPI document's {@code x-access-level} names
 * it: {@code public}, {@code authenticated}, {@code staff}, {@code superuser}, {@code api-key}, {@code basic} or
 * {@code ip-allowlist}.
 */
public interface Gate extends Handler {

    String level();

    /** Anyone may call the route. */
    Gate PUBLIC = of("public", (request, response) -> response.next());

    /** A gate of the given level that runs the handler. */
    static Gate of(String level, Handler check) {
        return new Gate() {
            @Override
            public String level() {
                return level;
            }

            @Override
            public void handle(ServerRequest request, ServerResponse response) throws Exception {
                check.handle(request, response);
            }

            @Override
            public String toString() {
                return "Gate[" + level + "]";
            }
        };
    }
}
