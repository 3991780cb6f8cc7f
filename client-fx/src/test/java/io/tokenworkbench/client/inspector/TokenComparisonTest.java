package io.tokenworkbench.client.inspector;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenComparisonTest {

    private static DecodedToken token(String header, String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String compact = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        return ((DecodeResult.Decoded) TokenDecoder.decode(compact)).token();
    }

    @Test
    void everyMemberIsMarkedSameChangedOrOneSided() {
        DecodedToken left = token("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"sub\":\"1\",\"roles\":[\"user\"],\"exp\":10}");
        DecodedToken right = token("{\"alg\":\"RS256\",\"kid\":\"k2\"}", "{\"sub\":\"1\",\"roles\":[\"admin\"],\"nbf\":5}");

        List<TokenComparison.Row> rows = TokenComparison.compare(left, right);

        assertEquals(List.of(
                new TokenComparison.Row("header", "alg", "RS256", "RS256", TokenComparison.Difference.SAME),
                new TokenComparison.Row("header", "kid", "k1", "k2", TokenComparison.Difference.CHANGED),
                new TokenComparison.Row("payload", "sub", "1", "1", TokenComparison.Difference.SAME),
                new TokenComparison.Row("payload", "roles", "[\"user\"]", "[\"admin\"]", TokenComparison.Difference.CHANGED),
                new TokenComparison.Row("payload", "exp", "10", "", TokenComparison.Difference.ONLY_LEFT),
                new TokenComparison.Row("payload", "nbf", "", "5", TokenComparison.Difference.ONLY_RIGHT)), rows);
        assertEquals(4, TokenComparison.differences(rows));
    }
}
