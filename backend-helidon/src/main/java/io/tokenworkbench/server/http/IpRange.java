package io.tokenworkbench.server.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1}). Only IP literals are parsed, never host names, so
 * no lookup ever happens. Immutable.
 */
public record IpRange(byte[] network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

    public static IpRange parse(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] address = bytes(normalize(parts[0]));
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR block: '" + text + "'");
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : address.length * 8;
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("Bad prefix length in '" + text + "'");
        }
        return new IpRange(address, prefix);
    }

    public boolean contains(String ip) {
        byte[] address = bytes(ip);
        if (address == null || address.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefixLength;
        return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }

    /** Strips brackets, zone ids and IPv4-mapped IPv6 prefixes, so one address has one spelling. */
    public static String normalize(String host) {
        String ip = host.strip();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        if (ip.toLowerCase().startsWith("::ffff:") && ip.indexOf('.') > 0) {
            ip = ip.substring(7);
        }
        byte[] bytes = bytes(ip);
        if (bytes == null) {
            return ip;
        }
        try {
            String canonical = InetAddress.getByAddress(bytes).getHostAddress();
            return canonical.equals("0:0:0:0:0:0:0:1") ? "::1" : canonical;
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    public static boolean isIpLiteral(String text) {
        return bytes(text) != null;
    }

    private static byte[] bytes(String ip) {
        if (ip.isEmpty() || !LITERAL.matcher(ip).matches() || !(ip.contains(":") || ip.chars().filter(c -> c == '.').count() == 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
