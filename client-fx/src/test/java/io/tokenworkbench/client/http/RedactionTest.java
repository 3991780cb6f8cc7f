package io.tokenworkbench.client.http;

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

    @Test
    void secretQueryParametersAndOtherFrameworksFieldNamesAreMasked() {
        assertEquals("http://api/keyed?api_key=…(redacted)&page=2",
                Redaction.url("http://api/keyed?api_key=fk_live_4f9a2c1e7b3d8a6f0c5e&page=2"));
        String simpleJwt = Redaction.body("{\"access\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\",\"refresh\":\"r-123456\"}");
        assertFalse(simpleJwt.contains("eyJzdWIiOiIxIn0"), simpleJwt);
        assertFalse(simpleJwt.contains("r-123456"), simpleJwt);
        assertEquals("(redacted)", Redaction.header("X-Auth-Token", "abc"));
        assertEquals("Token …(redacted)", Redaction.header("Authorization", "Token 0123456789abcdefghijklmn"));
    }

    @Test
    void knownSecretsAreMaskedWhereverTheyAppear() {
        Redaction.Known known = new Redaction.Known();
        known.add("wonderland");
        known.add("ab");

        assertEquals("{\"pw\":\"…(redacted)\",\"x\":\"ab\"}", known.scrub("{\"pw\":\"wonderland\",\"x\":\"ab\"}"),
                "values too short to be told from text are left alone");
    }
}
