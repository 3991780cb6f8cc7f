package io.tokenworkbench.client.checks.engine;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.checks.suite.SuiteParser;
import io.tokenworkbench.client.http.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in suite removes what it creates (its collect and teardown, issue 11): a server is left as the run found
 * it. Rate limits are off here, so that this second run of the suite does not wait for the token endpoint's minute.
 */
class BuiltinSuiteTeardownHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private final CheckEngine engine = new CheckEngine(API, Clock.systemUTC());

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    /** What a run could leave behind: users, products, posts and every demo user's API keys, counted as root sees them. */
    private static List<Integer> footprint() throws Exception {
        var mapper = io.tokenworkbench.model.json.Json.mapper();
        java.util.function.Function<String, String> token = user -> {
            var minted = (io.tokenworkbench.client.http.ApiResult.Response) API.send(
                    io.tokenworkbench.client.http.ApiRequest.json("POST", backend.baseUrl(), "/v1/dev/tokens",
                            "{\"username\":\"" + user + "\",\"expires_in\":300}"));
            try {
                return mapper.readTree(minted.body()).get("access_token").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        String root = token.apply("root");
        java.util.function.BiFunction<String, String, com.fasterxml.jackson.databind.JsonNode> get = (path, bearer) -> {
            var response = (io.tokenworkbench.client.http.ApiResult.Response) API.send(
                    io.tokenworkbench.client.http.ApiRequest.get(backend.baseUrl(), path).withBearer(bearer));
            try {
                return mapper.readTree(response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<Integer> counts = new java.util.ArrayList<>(List.of(get.apply("/v1/admin/users", root).size(),
                get.apply("/v1/products", root).size(), get.apply("/v1/posts?limit=100", root).get("total").asInt()));
        for (String user : List.of("alice", "bob", "sam", "mia", "root")) {
            counts.add(get.apply("/v1/api-keys", token.apply(user)).size());
        }
        return counts;
    }

    @Test
    void theBuiltInSuiteLeavesNothingBehind() throws Exception {
        List<Integer> before = footprint();

        RunResult result = engine.run(SuiteParser.builtin(), backend.baseUrl(), CheckEngine.RunOptions.defaults(),
                RunListener.NONE, new RunControl());

        assertTrue(result.notes().isEmpty(), result.notes()::toString);
        assertEquals(before, footprint(), "users, products, posts and API keys (alice, bob, sam, mia, root) as before");
    }
}
