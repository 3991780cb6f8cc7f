package io.tokenworkbench.server.token;

import io.helidon.security.AuthenticationResponse;
import io.helidon.security.Principal;
import io.helidon.security.ProviderRequest;
import io.helidon.security.Subject;
import io.helidon.security.spi.AuthenticationProvider;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * helidon-security's authentication provider for RFC 6750 bearer tokens, verified by nimbus through
 * {@link AccessTokenVerifier}. Abstains when there is no bearer token (so the gate can answer "no credentials"),
 * fails with a caller-safe description when the token is refused, and on success puts the {@link Caller} into the
 * subject as a private credential. Thread-safe.
 */
public final class BearerTokenProvider implements AuthenticationProvider {

    /** The provider's name in the {@code Security} instance. */
    public static final String NAME = Access.BEARER_PROVIDER;

    private final AccessTokenVerifier verifier;

    public BearerTokenProvider(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public AuthenticationResponse authenticate(ProviderRequest request) {
        String authorization = header(request.env().headers(), "Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer", 0, 6)
                || authorization.length() > 6 && authorization.charAt(6) != ' ') {
            return AuthenticationResponse.abstain();
        }
        String token = authorization.substring(6).strip();
        if (token.isEmpty()) {
            return AuthenticationResponse.failed("The bearer token is empty");
        }
        return switch (verifier.verify(token)) {
            case TokenVerification.Valid(Caller caller) -> AuthenticationResponse.success(Subject.builder()
                    .principal(Principal.create(caller.username()))
                    .addPrivateCredential(Caller.class, caller)
                    .build());
            case TokenVerification.Rejected(String description) -> AuthenticationResponse.failed(description);
        };
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().getFirst();
            }
        }
        return null;
    }
}
