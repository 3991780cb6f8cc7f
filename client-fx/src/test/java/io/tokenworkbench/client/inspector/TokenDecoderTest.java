package io.tokenworkbench.client.inspector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding on fixed vectors: RFC 7515 appendix A.1 and A.5, and crafted bad tokens. */
class TokenDecoderTest {

    /** RFC 7515 A.1: HS256. */
    static final String RFC7515_A1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    /** RFC 7515 A.5: an unsecured JWS. */
    static final String RFC7515_A5 = "eyJhbGciOiJub25lIn0"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

    @Test
    void rfc7515HmacExampleDecodes() {
        DecodedToken token = decoded(RFC7515_A1);

        assertEquals("HS256", token.algorithm());
        assertEquals("JWT", token.type().orElseThrow());
        assertEquals("joe", token.claim("iss").orElseThrow());
        assertEquals(1300819380L, token.numericDate("exp").orElseThrow());
        assertTrue(token.payload().get("http://example.com/is_root").asBoolean());
        assertTrue(token.prettyPayload().contains("\n"), "pretty-printed");
    }

    @Test
    void rfc7515UnsecuredExampleIsMarkedUnsecured() {
        DecodedToken token = decoded(RFC7515_A5);

        assertEquals("none", token.algorithm());
        assertTrue(token.isUnsecured());
    }

    @Test
    void bearerPrefixQuotesAndWhitespaceAreTolerated() {
        String messy = "  bearer  \"" + RFC7515_A1.substring(0, 30) + "\n  " + RFC7515_A1.substring(30) + "\"\t";

        assertEquals(RFC7515_A1, decoded("Bearer " + RFC7515_A1).compact());
        assertEquals(RFC7515_A1, decoded(messy.replace("\"", "")).compact());
        assertEquals(RFC7515_A1, decoded("\"" + RFC7515_A1 + "\"").compact());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty | '' | STRUCTURE | empty",
            "two parts | eyJhbGciOiJub25lIn0.e30 | STRUCTURE | three parts",
            "five parts (JWE) | a.b.c.d.e | STRUCTURE | encrypted",
            "header not base64url | ey*J.e30.sig | HEADER | base64url",
            "header not JSON | bm90IGpzb24.e30.sig | HEADER | not JSON",
            "header not an object | WzFd.e30.sig | HEADER | not an object",
            "header without alg | e30.e30.sig | HEADER | alg",
            "payload not JSON | eyJhbGciOiJub25lIn0.bm90IGpzb24.sig | PAYLOAD | not JSON",
            "payload bad length | eyJhbGciOiJub25lIn0.abcde.sig | PAYLOAD | length",
            "a claim named twice | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInN1YiI6InJvb3QifQ.sig | PAYLOAD | Duplicate field 'sub'",
            "header with trailing text | eyJhbGciOiJIUzI1NiJ9IHg.e30.sig | HEADER | not JSON",
            "signature not base64url | eyJhbGciOiJub25lIn0.e30.s+g/ | SIGNATURE | base64url",
    })
    void aDecodeErrorNamesTheSegmentAndTheReason(String name, String text, DecodeResult.Segment segment, String reason) {
        DecodeResult.Failed failed = assertInstanceOf(DecodeResult.Failed.class, TokenDecoder.decode(text));

        assertEquals(segment, failed.segment());
        assertTrue(failed.reason().contains(reason), failed.reason());
    }

    private static DecodedToken decoded(String text) {
        return assertInstanceOf(DecodeResult.Decoded.class, TokenDecoder.decode(text)).token();
    }
}
