package io.tokenworkbench.server.totp;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;

/**
 * Encrypts TOTP secrets at rest as compact JWE ({@code dir}, A256GCM, through nimbus), with a 32-byte key from
 * configuration ({@code SECURITY_TOTP_KEY}); dev mode generates one and keeps it (0600) in the data dir. A database
 * copy alone no longer yields anyone's second factor. Thread-safe.
 */
public final class TotpSecretCipher {

    private final byte[] key;

    TotpSecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the TOTP key must be 32 bytes");
        }
        this.key = key.clone();
    }

    /** The configured key, or in dev mode the generated one; outside dev mode a missing key stops the start. */
    public static TotpSecretCipher load(AppConfig config) {
        String configured = config.security().totpKey();
        if (!configured.isBlank()) {
            try {
                byte[] key = Base64.getDecoder().decode(configured.strip());
                if (key.length == 32) {
                    return new TotpSecretCipher(key);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new ConfigException("'security.totp-key' (environment variable SECURITY_TOTP_KEY) must be 32 bytes "
                    + "in base64, e.g. the output of: openssl rand -base64 32");
        }
        if (!config.devMode()) {
            throw new ConfigException("Set 'security.totp-key' (environment variable SECURITY_TOTP_KEY) to 32 random "
                    + "bytes in base64 (openssl rand -base64 32): TOTP secrets are encrypted with it");
        }
        return new TotpSecretCipher(devKey(config.dataDir().resolve("keys").resolve("dev-totp-key")));
    }

    private static byte[] devKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "totp", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key));
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the dev TOTP key in " + file.getParent(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The dev TOTP key " + file + " is damaged");
        }
    }

    /** The secret, encrypted. */
    String seal(String secret) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(secret));
            jwe.encrypt(new DirectEncrypter(key));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot encrypt a TOTP secret", e);
        }
    }

    /** The stored value decrypted (a value stored before encryption came in is returned as it is). */
    String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        try {
            JWEObject jwe = JWEObject.parse(stored);
            jwe.decrypt(new DirectDecrypter(key));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("A stored TOTP secret cannot be decrypted with the configured key");
        }
    }

    static boolean isSealed(String stored) {
        return stored.chars().filter(c -> c == '.').count() == 4;
    }

    @Override
    public String toString() {
        return "TotpSecretCipher[redacted]";
    }
}
