package io.tokenworkbench.client.checks.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @Test
    void bearerTokensKeepOnlyARecognisablePrefix() {
        String shown = Redaction.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        assertEquals("Bearer eyJhbGciOi…(redacted)", shown);
    }

    @Test
    void passwordsAndTokensInBodiesAreMasked() {
        String json = Redaction.body("{\"username\":\"alice\",\"password\":\"alice-password-1\","
                + "\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.payload.signature\"}");
        assertFalse(json.contains("alice-password-1"), json);
        assertFalse(json.contains("signature"), json);
        assertTrue(json.contains("\"username\":\"alice\""), json);

        String form = Redaction.body("grant_type=password&username=alice&password=alice-password-1");
        assertEquals("grant_type=password&username=alice&password=…(redacted)", form);
    }

    @Test
    void apiKeysAndTotpCodesAreHidden() {
        assertEquals("(redacted)", Redaction.header("X-API-Key", "twk_secret"));
        assertEquals("(redacted)", Redaction.header("x-totp-code", "123456"));
        assertEquals("application/json", Redaction.header("Content-Type", "application/json"));
    }
}
