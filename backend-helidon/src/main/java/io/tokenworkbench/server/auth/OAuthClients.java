package io.tokenworkbench.server.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * The clients that may use the browser login, all public (PKCE, no secret). The built-in client {@value #WORKBENCH}
 * (the workbench, a native app) may be sent back to a loopback address on any port, as RFC 8252 §7.3 asks of native
 * apps, over plain HTTP to 127.0.0.1 or [::1] and nowhere else. Configured clients ({@code oauth.clients}) are sent
 * only to their registered redirect URIs, compared exactly (RFC 9700 §4.1.3).
 */
public final class OAuthClients {

    public static final String WORKBENCH = "token-workbench";

    private final Map<String, List<String>> configured;

    /** @param configured client id → registered redirect URIs, besides the built-in client */
    public OAuthClients(Map<String, List<String>> configured) {
        this.configured = Map.copyOf(configured);
    }

    /** Whether the client exists. */
    public boolean known(String clientId) {
        return WORKBENCH.equals(clientId) || configured.containsKey(clientId);
    }

    /** Whether the client may be redirected to this URI (false for unknown clients). */
    public boolean mayRedirectTo(String clientId, String redirectUri) {
        if (!known(clientId) || redirectUri == null) {
            return false;
        }
        if (!WORKBENCH.equals(clientId)) {
            return configured.get(clientId).contains(redirectUri);
        }
        try {
            URI uri = new URI(redirectUri);
            return "http".equals(uri.getScheme()) && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
