package io.tokenworkbench.client.inspector;

/** What checking a token's signature concluded. */
public sealed interface SignatureStatus {

    /** The signature is valid for the key from the named source (e.g. "server JWKS, kid abc"). */
    record Verified(String keySource) implements SignatureStatus {
    }

    /** A key was found and the signature does not match it (or the token is not what the key expects). */
    record Invalid(String reason) implements SignatureStatus {
    }

    /** {@code alg: none} or no signature at all. */
    record Unsigned() implements SignatureStatus {
    }

    /** Nothing to verify with: no key given, or no key with this {@code kid}. */
    record NoKey(String reason) implements SignatureStatus {
    }
}
