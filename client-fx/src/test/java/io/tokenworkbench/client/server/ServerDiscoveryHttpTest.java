package io.tokenworkbench.client.server;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerDiscoveryHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    @Test
    void ourBackendPublishesItsMetadataAndAnRsaKey() {
        ServerDiscovery.ServerInfo info = new ServerDiscovery(API).discover(backend.baseUrl());

        assertEquals("", info.metadataProblem());
        assertEquals("", info.keysProblem());
        assertTrue(info.metadata().stream().anyMatch(e -> e.name().equals("token_endpoint")
                && e.value().endsWith("/v1/auth/token")), info.metadata()::toString);
        assertTrue(info.metadata().stream().anyMatch(e -> e.name().equals("grant_types_supported")
                && e.value().contains("password") && e.value().contains("refresh_token")));
        ServerDiscovery.KeyInfo key = info.keys().getFirst();
        assertEquals("RSA", key.type());
        assertEquals("2048 bits", key.size());
        assertTrue(!key.kid().equals("—"));
    }

    @Test
    void aServerWithoutMetadataOrKeysSaysWhy() {
        ServerDiscovery.ServerInfo info = new ServerDiscovery(API).discover(backend.baseUrl() + "/nothing");

        assertTrue(info.metadataProblem().contains("answered 404"), info.metadataProblem());
        assertTrue(info.keysProblem().contains("answered 404"), info.keysProblem());

        ServerDiscovery.ServerInfo down = new ServerDiscovery(API).discover("http://127.0.0.1:9");
        assertTrue(down.metadataProblem().startsWith("Connection refused"), down.metadataProblem());
    }
}
