package io.tokenworkbench.client.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.time.Instant;

/** The code an authenticator app shows for a base32 TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), via java-otp. */
public final class AuthenticatorCode {

    private AuthenticatorCode() {
    }

    /** The code at {@code at}; an unusable secret is an {@link IllegalArgumentException} that names no secret. */
    public static String at(String base32Secret, Instant at) {
        byte[] key = new Base32().decode(base32Secret.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT));
        if (key.length == 0) {
            throw new IllegalArgumentException("The TOTP secret is not base32 (RFC 4648), as authenticator apps take it");
        }
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(key, generator.getAlgorithm()), at);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("The TOTP secret cannot be used as a key", e);
        }
    }
}
