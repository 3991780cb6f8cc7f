package io.tokenworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ownership of posts, draft visibility, paging, and products' favourites. */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class PostsHttpTest {

    /** The database this run of the class is on (the server is started with it). */
    @Parameter
    String database;

    private static TestServer server;
    private static String alice;
    private static String bob;
    private static String root;

    @BeforeParameterizedClassInvocation
    static void start(String database) {
        server = TestServer.dev(database);
        alice = server.accessToken("alice");
        bob = server.accessToken("bob");
        root = server.accessToken("root");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void ownerIdComesFromTheTokenNeverTheBody() {
        long bobId = TestServer.json(server.get("/v1/users/me", bob)).get("id").asLong();
        JsonNode post = TestServer.json(server.send("POST", "/v1/posts", alice,
                "{\"title\":\"Mine\",\"content\":\"c\",\"owner_id\":" + bobId + "}"));

        long aliceId = TestServer.json(server.get("/v1/users/me", alice)).get("id").asLong();
        assertEquals(aliceId, post.get("owner_id").asLong());
    }

    @Test
    void ownersEditAndDeleteTheirPostsOthersAreRefused() {
        long id = TestServer.json(server.send("POST", "/v1/posts", alice,
                "{\"title\":\"Alice's\",\"content\":\"v1\",\"published\":true}")).get("id").asLong();

        HttpResponse<String> byBob = server.send("PUT", "/v1/posts/" + id, bob, "{\"title\":\"Bob was here\",\"content\":\"x\"}");
        assertEquals(403, byBob.statusCode());
        assertEquals(403, server.send("DELETE", "/v1/posts/" + id, bob, null).statusCode());
        assertEquals("Alice's", TestServer.json(server.get("/v1/posts/" + id, null)).get("title").asText());

        HttpResponse<String> edited = server.send("PUT", "/v1/posts/" + id, alice, "{\"title\":\"Alice's v2\",\"content\":\"v2\"}");
        assertEquals(200, edited.statusCode());
        assertTrue(TestServer.json(edited).get("published").asBoolean(), "published stays when not given");
        assertEquals(204, server.send("DELETE", "/v1/posts/" + id, alice, null).statusCode());
        assertEquals(404, server.get("/v1/posts/" + id, alice).statusCode());
        assertEquals(404, server.send("DELETE", "/v1/posts/" + id, alice, null).statusCode());
    }

    @Test
    void adminsMayEditAnyPost() {
        long id = TestServer.json(server.send("POST", "/v1/posts", bob,
                "{\"title\":\"Bob's\",\"content\":\"c\",\"published\":true}")).get("id").asLong();

        assertEquals(200, server.send("PUT", "/v1/posts/" + id, root, "{\"title\":\"Moderated\",\"content\":\"c\"}")
                .statusCode());
    }

    @Test
    void draftsAreVisibleOnlyToTheirOwnerAndAdmins() {
        long id = TestServer.json(server.send("POST", "/v1/posts", alice,
                "{\"title\":\"Secret draft\",\"content\":\"c\"}")).get("id").asLong();

        assertEquals(200, server.get("/v1/posts/" + id, alice).statusCode());
        assertEquals(200, server.get("/v1/posts/" + id, root).statusCode());
        assertEquals(404, server.get("/v1/posts/" + id, bob).statusCode());
        assertEquals(404, server.get("/v1/posts/" + id, null).statusCode());
        assertEquals(404, server.send("PUT", "/v1/posts/" + id, bob, "{\"title\":\"x\",\"content\":\"x\"}").statusCode());
        assertFalse(server.get("/v1/posts?limit=100", bob).body().contains("Secret draft"));
        assertFalse(server.get("/v1/posts?limit=100", null).body().contains("Secret draft"));
        assertTrue(server.get("/v1/posts?limit=100", alice).body().contains("Secret draft"));

        assertEquals(200, server.send("PUT", "/v1/posts/" + id, alice,
                "{\"title\":\"Secret draft\",\"content\":\"c\",\"published\":true}").statusCode());
        assertEquals(200, server.get("/v1/posts/" + id, bob).statusCode(), "published now");
    }

    @Test
    void listingPagesAndFiltersByOwner() {
        long bobId = TestServer.json(server.get("/v1/users/me", bob)).get("id").asLong();
        JsonNode page = TestServer.json(server.get("/v1/posts?limit=1&offset=0&owner_id=" + bobId, null));

        assertEquals(1, page.get("limit").asInt());
        assertEquals(1, page.get("items").size());
        assertTrue(page.get("total").asLong() >= 1);
        page.get("items").forEach(post -> assertEquals(bobId, post.get("owner_id").asLong()));
        assertEquals(400, server.get("/v1/posts?limit=0", null).statusCode());
        assertEquals(400, server.get("/v1/posts?limit=abc", null).statusCode());
        assertEquals(400, server.get("/v1/posts?offset=-1", null).statusCode());
    }

    @Test
    void favouritesAreIdempotentAndPerUser() {
        assertEquals(204, server.send("PUT", "/v1/products/2/favorite", bob, null).statusCode());
        assertEquals(204, server.send("PUT", "/v1/products/2/favorite", bob, null).statusCode());
        assertEquals(1, TestServer.json(server.get("/v1/products/favorites", bob)).size());
        assertEquals(0, TestServer.json(server.get("/v1/products/favorites", server.accessToken("mia"))).size());
        assertEquals(204, server.send("DELETE", "/v1/products/2/favorite", bob, null).statusCode());
        assertEquals(204, server.send("DELETE", "/v1/products/2/favorite", bob, null).statusCode());
        assertEquals(0, TestServer.json(server.get("/v1/products/favorites", bob)).size());
        assertEquals(404, server.send("PUT", "/v1/products/999/favorite", bob, null).statusCode());
    }

    @Test
    void productsKeepTheirDecimalPrice() {
        JsonNode product = TestServer.json(server.send("POST", "/v1/products", root,
                "{\"name\":\"Key\",\"price\":\"12.5\"}"));
        assertEquals("12.50", product.get("price").asText());
        assertEquals(400, server.send("POST", "/v1/products", root, "{\"name\":\"Key\",\"price\":12.5}").statusCode());
        assertEquals(400, server.send("POST", "/v1/products", root, "{\"name\":\"Key\",\"price\":\"-1\"}").statusCode());
        assertEquals(404, server.send("DELETE", "/v1/products/99999", root, null).statusCode());
    }
}
