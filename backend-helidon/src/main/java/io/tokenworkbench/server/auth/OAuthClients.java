package io.tokenworkbench.server.auth;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The clients that may use the browser login. The built-in public client {@value #WORKBENCH} (the workbench, a
 * native app) may be sent back to a loopback address on any port, as RFC 8252 §7.3 asks of native apps, over plain
 * HTTP to 127.0.0.1 or [::1] and nowhere else.
 */
public final class OAuthClients {

    public static final String WORKBENCH = "token-workbench";

    /** Whether the client exists. */
    public boolean known(String clientId) {
        return WORKBENCH.equals(clientId);
    }

    /** Whether the client may be redirected to this URI (false for unknown clients). */
    public boolean mayRedirectTo(String clientId, String redirectUri) {
        if (!known(clientId) || redirectUri == null) {
            return false;
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
