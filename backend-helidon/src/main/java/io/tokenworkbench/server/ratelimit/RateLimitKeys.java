package io.tokenworkbench.server.ratelimit;

import io.helidon.webserver.http.ServerRequest;
import io.tokenworkbench.server.clientip.ClientIp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a limit counts by. An IPv6 client is counted by its /64, the smallest block a site is given: it can pick any
 * of 2^64 addresses in it, so counting single addresses would not limit it at all.
 */
public final class RateLimitKeys {

    private RateLimitKeys() {
    }

    /** The client's address for limits: itself for IPv4, its /64 for IPv6. */
    public static String address(ServerRequest request) {
        return address(ClientIp.of(request));
    }

    /** As {@link #address(ServerRequest)}, for an address already resolved. */
    public static String address(String ip) {
        if (ip == null || !ip.contains(":")) {
            return ip;
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            if (bytes.length != 16) {
                return ip;
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    /** A username or email as a limit key: case does not make a new one. */
    public static String name(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
