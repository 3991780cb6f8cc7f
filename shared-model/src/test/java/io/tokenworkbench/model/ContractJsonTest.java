package io.tokenworkbench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenworkbench.model.auth.RegisterRequest;
import io.tokenworkbench.model.auth.TokenResponse;
import io.tokenworkbench.model.common.Page;
import io.tokenworkbench.model.common.Problem;
import io.tokenworkbench.model.dev.DevTokenRequest;
import io.tokenworkbench.model.json.Json;
import io.tokenworkbench.model.post.Post;
import io.tokenworkbench.model.post.PostRequest;
import io.tokenworkbench.model.user.User;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records read and write the contract's snake_case JSON exactly. */
class ContractJsonTest {

    private final ObjectMapper json = Json.mapper();

    @Test
    void tokenResponseRoundTripsInSnakeCase() throws Exception {
        String text = """
                {"access_token":"eyJ.a.b","token_type":"Bearer","expires_in":900,"refresh_token":"r1","scope":"posts:read"}
                """;
        TokenResponse token = json.readValue(text, TokenResponse.class);

        assertEquals(900, token.expiresIn());
        assertEquals(json.readTree(text), json.readTree(json.writeValueAsString(token)));
        assertFalse(token.toString().contains("eyJ.a.b"), "toString must not leak the token");
    }

    @Test
    void userWritesTimesAsRfc3339Utc() throws Exception {
        User user = new User(1, "alice", "alice@example.com", true, false, false, List.of("user"),
                Instant.parse("2026-01-02T03:04:05Z"));

        JsonNode tree = json.readTree(json.writeValueAsString(user));

        assertEquals("2026-01-02T03:04:05Z", tree.get("created_at").asText());
        assertTrue(tree.get("is_active").asBoolean());
        assertEquals("user", tree.get("roles").get(0).asText());
    }

    @Test
    void registerIgnoresMassAssignmentFields() throws Exception {
        RegisterRequest request = json.readValue("""
                {"username":"eve","email":"eve@example.com","password":"x","is_superuser":true,"roles":["admin"]}
                """, RegisterRequest.class);

        assertEquals("eve", request.username());
    }

    @Test
    void postRequestKeepsPublishedOptional() throws Exception {
        assertNull(json.readValue("{\"title\":\"t\",\"content\":\"c\"}", PostRequest.class).published());
        assertThrows(Exception.class, () -> json.readValue("{\"title\":\"t\",\"published\":\"maybe\"}", PostRequest.class));
    }

    @Test
    void aDocumentIsOneValueWithoutRepeatedMembers() {
        assertThrows(Exception.class, () -> json.readValue("{\"title\":\"t\",\"content\":\"c\"} trailing-garbage",
                PostRequest.class), "anything after the value is refused");
        assertThrows(Exception.class, () -> json.readValue("{\"title\":\"t\"} {\"title\":\"u\"}", PostRequest.class));
        assertThrows(Exception.class, () -> json.readTree("[1] 2"));
        assertThrows(Exception.class, () -> json.readValue("{\"title\":\"t\",\"title\":\"u\",\"content\":\"c\"}",
                PostRequest.class), "which of two titles counts must not depend on the parser");
        assertThrows(Exception.class, () -> json.readValue("{\"title\":12.5,\"content\":\"c\"}", PostRequest.class),
                "a number is not a string");
    }

    @Test
    void pageOfPostsRoundTrips() throws Exception {
        String text = """
                {"items":[{"id":1,"owner_id":2,"title":"Hi","content":"c","published":true,
                  "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}],
                 "total":1,"limit":20,"offset":0}
                """;
        Page<Post> page = json.readValue(text, new TypeReference<Page<Post>>() { });

        assertEquals(2, page.items().getFirst().ownerId());
        assertEquals(json.readTree(text), json.readTree(json.writeValueAsString(page)));
    }

    @Test
    void problemOmitsAbsentOauthFields() throws Exception {
        JsonNode tree = json.readTree(json.writeValueAsString(Problem.of(404, "Not Found", "No post 7", "/v1/posts/7")));

        assertEquals(404, tree.get("status").asInt());
        assertFalse(tree.has("error"));
    }

    @Test
    void devTokenRequestKeepsNullClaimsAsRemovals() throws Exception {
        DevTokenRequest request = json.readValue("""
                {"username":"alice","expires_in":-60,"claims":{"aud":"other","exp":null}}
                """, DevTokenRequest.class);

        assertEquals(-60, request.expiresIn());
        assertTrue(request.claims().has("exp"));
        assertTrue(request.claims().get("exp").isNull());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertThrows(Exception.class, () -> json.readTree(deep));
    }
}
