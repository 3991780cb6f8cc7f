package io.tokenworkbench.server;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;

/** RFC 6238 codes for tests, computed with java-otp as an authenticator app would. */
final class TotpCodes {

    private TotpCodes() {
    }

    static String at(String secret, Instant at) {
        try {
            TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
            return generator.generateOneTimePasswordString(
                    new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm()), at);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A code that is certainly not this one. */
    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}
