package io.tokenworkbench.client.http;

import java.net.URI;
import java.util.Locale;

/**
 * The origin (RFC 6454: scheme, host, port) of a URL, so that credentials meant for one server are never sent to
 * another. Default ports are made explicit, so {@code http://a} and {@code http://a:80} are one origin.
 */
public final class Origins {

    private Origins() {
    }

    /** {@code http://localhost:8080}; a URL that cannot be read is its own, unmatched origin. */
    public static String of(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return scheme + "://" + host + ":" + port;
        } catch (IllegalArgumentException e) {
            return "invalid:" + url;
        }
    }

    /** Whether both URLs have the same origin. */
    public static boolean same(String a, String b) {
        return of(a).equals(of(b));
    }
}
