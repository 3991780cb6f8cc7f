package io.tokenworkbench.server;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token narrowed by scope is narrowed everywhere: a level or role gate refuses it unless its scope still carries
 * the permission the route exercises, while a token with all its user's permissions passes on the level or role
 * alone (issue 16, #13).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestDatabases.H2, TestDatabases.POSTGRESQL})
class NarrowedTokenHttpTest {

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

    @ParameterizedTest(name = "{0} {1} as {2} with scope ''{3}'' → {4}")
    @CsvSource({
            "GET,    /v1/admin/users,       root, users:read,      200, ",
            "GET,    /v1/admin/audit,       root, users:read,      403, audit:read",
            "GET,    /v1/admin/audit,       root, audit:read,      200, ",
            "GET,    /v1/admin/audit,       root, ,                200, ",
            "GET,    /v1/moderator/reports, root, users:read,      403, reports:read",
            "GET,    /v1/moderator/reports, mia,  reports:read,    200, ",
            "POST,   /v1/products,          root, users:read,      403, products:write",
            "POST,   /v1/products,          sam,  posts:read,      403, products:write",
            "POST,   /v1/products,          sam,  products:write,  201, ",
            "POST,   /v1/products,          sam,  ,                201, ",
            "DELETE, /v1/products/999999,   root, users:read,      403, products:write",
            "DELETE, /v1/products/999999,   root, products:write,  404, ",
            "GET,    /v1/users/me,          root, users:read,      200, ",
    })
    void aLevelOrRoleDoesNotLiftANarrowedTokenPastItsScope(String method, String path, String user, String scope,
                                                           int status, String missing) {
        String token = server.login(user, user + "-password-1", scope).get("access_token").asText();
        String body = method.equals("POST") ? "{\"name\":\"Narrowed widget\",\"price\":\"1.00\"}" : null;

        HttpResponse<String> response = server.send(method, path, token, body);

        assertEquals(status, response.statusCode(), response.body());
        if (missing != null) {
            assertEquals("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"" + missing + "\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        }
    }
}
