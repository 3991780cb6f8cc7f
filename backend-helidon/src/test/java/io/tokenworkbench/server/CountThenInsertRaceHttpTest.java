package io.tokenworkbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes that count before they insert hold when many arrive at once (issue 16, the code-only findings). */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class CountThenInsertRaceHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(String database) {
        server = TestServer.dev(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void addingOneFavouriteManyTimesAtOnceIsNeverAnError() {
        String alice = server.accessToken("alice");

        List<Integer> statuses = AtOnce.run(16, i -> () -> server.send("PUT", "/v1/products/2/favorite", alice, null)
                .statusCode());

        assertEquals(List.of(204), statuses.stream().distinct().toList(), statuses.toString());
        assertEquals(1, TestServer.json(server.get("/v1/products/favorites", alice)).size());
    }

    @Test
    void theApiKeyLimitHoldsUnderAConcurrentBurst() {
        String bob = server.accessToken("bob");
        for (int i = 0; i < 45; i++) {
            assertEquals(201, server.send("POST", "/v1/api-keys", bob, "{\"name\":\"key " + i + "\"}").statusCode());
        }

        List<Integer> statuses = AtOnce.run(12, i -> () -> server.send("POST", "/v1/api-keys", bob,
                "{\"name\":\"burst " + i + "\"}").statusCode());

        assertEquals(5, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(50, TestServer.json(server.get("/v1/api-keys", bob)).size());
    }
}
