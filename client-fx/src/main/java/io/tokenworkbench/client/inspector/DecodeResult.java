package io.tokenworkbench.client.inspector;

/** What {@link TokenDecoder} made of some text. */
public sealed interface DecodeResult {

    /** A well-formed JWS (or unsecured JWT). */
    record Decoded(DecodedToken token) implements DecodeResult {
    }

    /**
     * Not a decodable JWT.
     *
     * @param segment where it went wrong
     * @param reason  what is wrong, in words a person can act on
     */
    record Failed(Segment segment, String reason) implements DecodeResult {
    }

    /** The part of a token a decode error is in. */
    enum Segment {
        STRUCTURE, HEADER, PAYLOAD, SIGNATURE
    }
}
