package io.tokenworkbench.server.dev;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.dev.DevTokenRequest;
import io.tokenworkbench.server.http.JsonBodies;

/** {@code POST /v1/dev/tokens} (dev mode only): see {@link DevTokenMint}. */
public final class DevTokenRoutes {

    private final DevTokenMint mint;

    public DevTokenRoutes(DevTokenMint mint) {
        this.mint = mint;
    }

    public void mint(ServerRequest request, ServerResponse response) {
        var minted = mint.mint(JsonBodies.read(request, DevTokenRequest.class));
        JsonBodies.noStore(response);
        JsonBodies.ok(response, minted);
    }
}
