package io.tokenworkbench.server.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The shipped list of the 10,000 most common passwords. A password is common when it, or it with its trailing digits
 * and symbols removed, is on the list, ignoring case ({@code Password123456!} is common). Immutable, thread-safe.
 */
public final class CommonPasswords {

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    /** Loads {@code security/common-passwords.txt} from the classpath. */
    public static CommonPasswords load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream("/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the classpath");
            }
            Set<String> passwords = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().map(String::strip).filter(line -> !line.isEmpty())
                        .map(line -> line.toLowerCase(Locale.ROOT)).forEach(passwords::add);
            }
            return new CommonPasswords(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return passwords.size();
    }

    public boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (passwords.contains(lower)) {
            return true;
        }
        int end = lower.length();
        while (end > 0 && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return end < lower.length() && end > 0 && passwords.contains(lower.substring(0, end));
    }
}
