package io.tokenworkbench.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tokenworkbench.server.config.AppConfig;
import io.tokenworkbench.server.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signing key (with its {@code kid}) and every key tokens may be verified with: the current one and
 * retired ones. Immutable and thread-safe.
 *
 * @param algorithm  the one algorithm tokens are signed and accepted with
 * @param signingKey the current private (or secret) key, with its {@code kid}
 * @param verificationKeys the current key and retired public keys, by {@code kid}
 */
public record SigningKeys(JWSAlgorithm algorithm, JWK signingKey, JWKSet verificationKeys) {

    /** Minimum HS256 secret length: RFC 7518 §3.2 asks for a key as long as the hash output. */
    public static final int MIN_HS_SECRET_BYTES = 32;

    /** The JWKS to publish: public keys only (nothing, for HS256, whose key is a shared secret). */
    public JWKSet publicJwks() {
        return verificationKeys.toPublicJWKSet();
    }

    /** Loads keys as configured: generated and kept in the data dir in dev mode, from configuration otherwise. */
    public static SigningKeys load(AppConfig config) {
        AppConfig.TokenSettings tokens = config.tokens();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(tokens.algorithm());
        JWK key = switch (tokens.algorithm()) {
            case "HS256" -> secretKey(tokens, config.devMode(), config.dataDir());
            default -> !tokens.privateKeyFile().isBlank() || !tokens.privateKeyPem().isBlank()
                    ? configuredKey(tokens, algorithm)
                    : devKey(config, algorithm);
        };
        try {
            String kid = tokens.keyId().isBlank() ? key.computeThumbprint().toString() : tokens.keyId();
            key = withKid(key, kid, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the key's thumbprint", e);
        }
        List<JWK> verification = new ArrayList<>();
        verification.add(key);
        verification.addAll(retiredKeys(tokens));
        return new SigningKeys(algorithm, key, new JWKSet(verification));
    }

    private static JWK secretKey(AppConfig.TokenSettings tokens, boolean devMode, Path dataDir) {
        String secret = tokens.hsSecret();
        if (secret.isBlank() && devMode) {
            return devKey(dataDir, JWSAlgorithm.HS256);
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_HS_SECRET_BYTES) {
            throw new ConfigException("HS256 needs a secret of at least " + MIN_HS_SECRET_BYTES + " bytes in 'token.hs-secret'"
                    + " (environment variable TOKEN_HS_SECRET); the configured one is "
                    + (secret.isBlank() ? "missing" : "too short"));
        }
        return new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static JWK configuredKey(AppConfig.TokenSettings tokens, JWSAlgorithm algorithm) {
        String text;
        if (!tokens.privateKeyFile().isBlank()) {
            try {
                text = Files.readString(Path.of(tokens.privateKeyFile()));
            } catch (IOException e) {
                throw new ConfigException("Cannot read the signing key file named by 'token.private-key-file' "
                        + "(environment variable TOKEN_PRIVATE_KEY_FILE): " + e.getClass().getSimpleName());
            }
        } else {
            text = tokens.privateKeyPem();
        }
        JWK key = parsePrivateKey(text.strip());
        boolean fits = algorithm.equals(JWSAlgorithm.RS256) ? key instanceof RSAKey : key instanceof ECKey ec
                && Curve.P_256.equals(ec.getCurve());
        if (!fits || !key.isPrivate()) {
            throw new ConfigException("The configured signing key is not a private " + (algorithm.equals(JWSAlgorithm.RS256)
                    ? "RSA" : "EC P-256") + " key for " + algorithm + " ('token.private-key-file' / 'token.private-key')");
        }
        return key;
    }

    /** The armour lines of an unencrypted PKCS#8 PEM. */
    private static final java.util.regex.Pattern PKCS8_PEM_MARKER =
            java.util.regex.Pattern.compile("-----(BEGIN|END) PRIVATE KEY-----");

    /** A private JWK (JSON), or an RSA private key in unencrypted PKCS#8 PEM. */
    static JWK parsePrivateKey(String text) {
        if (text.startsWith("{")) {
            try {
                return JWK.parse(text);
            } catch (ParseException e) {
                throw new ConfigException("The configured signing key is not a valid JWK");
            }
        }
        if (!PKCS8_PEM_MARKER.matcher(text).find()) {
            throw new ConfigException("The configured signing key must be a private JWK or a PKCS#8 PEM RSA private key");
        }
        String base64 = PKCS8_PEM_MARKER.matcher(text).replaceAll("").replaceAll("\\s", "");
        try {
            var privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            var publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        } catch (Exception e) {
            throw new ConfigException("The configured PEM is not a PKCS#8 RSA private key (for ES256 give a JWK)");
        }
    }

    private static JWK devKey(AppConfig config, JWSAlgorithm algorithm) {
        if (!config.devMode()) {
            throw new ConfigException(algorithm + " needs a private key outside dev mode: set 'token.private-key-file' "
                    + "(environment variable TOKEN_PRIVATE_KEY_FILE) or 'token.private-key' (TOKEN_PRIVATE_KEY) to a "
                    + "PKCS#8 PEM or private JWK, or turn on 'app.dev-mode' (APP_DEV_MODE) for a generated key");
        }
        return devKey(config.dataDir(), algorithm);
    }

    /** Dev mode: the key generated on first start and kept (0600) in the data dir. */
    private static JWK devKey(Path dataDir, JWSAlgorithm algorithm) {
        Path file = dataDir.resolve("keys").resolve("dev-signing-key-" + algorithm.getName().toLowerCase() + ".jwk.json");
        try {
            if (Files.exists(file)) {
                return JWK.parse(Files.readString(file));
            }
            JWK generated = switch (algorithm.getName()) {
                case "RS256" -> new RSAKeyGenerator(2048).generate();
                case "ES256" -> new ECKeyGenerator(Curve.P_256).generate();
                default -> new OctetSequenceKey.Builder(randomSecret()).build();
            };
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, generated.toJSONString(), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the dev signing key in " + file.getParent(), e);
        } catch (ParseException e) {
            throw new ConfigException("The dev signing key " + file + " is damaged; delete it to generate a new one");
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a dev signing key", e);
        }
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }

    private static List<JWK> retiredKeys(AppConfig.TokenSettings tokens) {
        if (tokens.retiredJwksFile().isBlank()) {
            return List.of();
        }
        try {
            return JWKSet.load(Path.of(tokens.retiredJwksFile()).toFile()).toPublicJWKSet().getKeys();
        } catch (IOException | ParseException e) {
            throw new ConfigException("Cannot read the JWKS named by 'token.retired-jwks-file' "
                    + "(environment variable TOKEN_RETIRED_JWKS_FILE): " + e.getClass().getSimpleName());
        }
    }

    private static JWK withKid(JWK key, String kid, JWSAlgorithm algorithm) {
        return switch (key) {
            case RSAKey rsa -> new RSAKey.Builder(rsa).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
            case ECKey ec -> new ECKey.Builder(ec).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
            case OctetSequenceKey oct -> new OctetSequenceKey.Builder(oct).keyID(kid).algorithm(algorithm).build();
            default -> throw new ConfigException("Unsupported signing key type " + key.getKeyType());
        };
    }
}
