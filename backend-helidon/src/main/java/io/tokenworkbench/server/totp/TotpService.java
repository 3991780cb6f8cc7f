package io.tokenworkbench.server.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.tokenworkbench.model.totp.TotpEnrollment;
import io.tokenworkbench.server.http.ApiException;
import org.apache.commons.codec.binary.Base32;
import org.jdbi.v3.core.Jdbi;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * RFC 6238 TOTP (30 s, 6 digits, HMAC-SHA-1) through java-otp: enrolment, activation by a first code, and checks with
 * a window of ±1 step where a code's time step can be accepted only once. Thread-safe.
 */
public final class TotpService {

    public static final String ISSUER = "Token Workbench";
    /** The reason a wrong code gives at activation. */
    public static final String WRONG_CODE = "The code is not valid";
    private static final Duration STEP = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final TotpSecretCipher cipher;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
    private final SecureRandom random = new SecureRandom();

    /** Encrypts, once, any secret stored before secrets were encrypted at rest. */
    public TotpService(Jdbi jdbi, Clock clock, TotpSecretCipher cipher) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cipher = cipher;
        jdbi.useTransaction(h -> h.createQuery("select user_id, secret from totp_secrets")
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .filter(row -> !TotpSecretCipher.isSealed(row.getValue()))
                .forEach(row -> h.createUpdate("update totp_secrets set secret = :sealed where user_id = :user")
                        .bind("sealed", cipher.seal(row.getValue())).bind("user", row.getKey()).execute()));
    }

    /** What a check of a presented code concluded. */
    public enum Check { ACCEPTED, NOT_ENROLLED, INVALID }

    /** Starts (or restarts) an enrolment; an active TOTP must not be silently replaced. */
    public TotpEnrollment enroll(long userId, String username) {
        if (activeSecret(userId).isPresent()) {
            throw ApiException.conflict("TOTP is already active for this account");
        }
        byte[] key = new byte[20];
        random.nextBytes(key);
        String secret = new Base32().encodeToString(key).replace("=", "");
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from totp_secrets where user_id = :user").bind("user", userId).execute();
            h.createUpdate("""
                            insert into totp_secrets (user_id, secret, active, last_used_step, created_at)
                            values (:user, :secret, false, -1, :now)""")
                    .bind("user", userId).bind("secret", cipher.seal(secret)).bind("now", clock.instant()).execute();
        });
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=6&period=30";
        return new TotpEnrollment(secret, uri);
    }

    /** Activates the pending enrolment with a first valid code; a wrong code is a 400. */
    public void activate(long userId, String code) {
        String secret = jdbi.withHandle(h -> h.createQuery("select secret from totp_secrets where user_id = :user")
                        .bind("user", userId).mapTo(String.class).findOne()).map(cipher::open)
                .orElseThrow(() -> ApiException.badRequest("Start an enrolment first (POST /v1/auth/totp)"));
        if (accept(userId, secret, code) < 0) {
            throw ApiException.badRequest(WRONG_CODE);
        }
        jdbi.useHandle(h -> h.createUpdate("update totp_secrets set active = true where user_id = :user")
                .bind("user", userId).execute());
    }

    /** Checks a code against the user's active TOTP. */
    public Check check(long userId, String code) {
        Optional<String> secret = activeSecret(userId);
        if (secret.isEmpty()) {
            return Check.NOT_ENROLLED;
        }
        return accept(userId, secret.get(), code) >= 0 ? Check.ACCEPTED : Check.INVALID;
    }

    /** Removes the user's TOTP, active or pending; the caller has proven a current code first. */
    public void remove(long userId) {
        jdbi.useHandle(h -> h.createUpdate("delete from totp_secrets where user_id = :user").bind("user", userId)
                .execute());
    }

    public boolean isActive(long userId) {
        return activeSecret(userId).isPresent();
    }

    /** The accepted time step, or -1; marks the step used so the same code cannot be replayed. */
    private long accept(long userId, String secret, String code) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return -1;
        }
        int presented = Integer.parseInt(code.strip());
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm());
        Instant now = clock.instant();
        long currentStep = now.getEpochSecond() / STEP.toSeconds();
        for (long step = currentStep - 1; step <= currentStep + 1; step++) {
            int expected;
            try {
                expected = generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("Stored TOTP secret is unusable", e);
            }
            if (expected == presented) {
                long accepted = step;
                int updated = jdbi.withHandle(h -> h.createUpdate("""
                                update totp_secrets set last_used_step = :step
                                where user_id = :user and last_used_step < :step""")
                        .bind("step", accepted).bind("user", userId).execute());
                return updated == 1 ? accepted : -1;
            }
        }
        return -1;
    }

    private Optional<String> activeSecret(long userId) {
        return jdbi.withHandle(h -> h.createQuery("select secret from totp_secrets where user_id = :user and active = true")
                .bind("user", userId).mapTo(String.class).findOne()).map(cipher::open);
    }
}
