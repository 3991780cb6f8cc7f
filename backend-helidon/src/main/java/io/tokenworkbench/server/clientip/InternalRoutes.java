package io.tokenworkbench.server.clientip;

import io.tokenworkbench.server.http.IpRange;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.admin.InternalStatus;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.Gate;
import io.tokenworkbench.server.http.JsonBodies;

import java.util.List;

/** {@code /internal/status}, for clients on the IP allowlist only. */
public final class InternalRoutes {

    private final List<IpRange> allowed;

    public InternalRoutes(List<String> allowedIps) {
        this.allowed = allowedIps.stream().map(IpRange::parse).toList();
    }

    /** The gate: the client IP (see {@link ClientIpResolver}) must be on the allowlist. */
    public Gate allowlisted() {
        return Gate.of("ip-allowlist", (request, response) -> {
            String ip = ClientIp.of(request);
            if (allowed.stream().noneMatch(range -> range.contains(ip))) {
                throw ApiException.forbidden("Your address is not on the allowlist");
            }
            response.next();
        });
    }

    public void status(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, new InternalStatus("ok", ClientIp.of(request)));
    }
}
