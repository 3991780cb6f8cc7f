package io.tokenworkbench.server.clientip;

import io.tokenworkbench.server.http.IpRange;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;

/**
 * The one place that decides a request's client IP: the TCP peer, or, only when the peer is a trusted proxy, the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. A client that sends its own
 * {@code X-Forwarded-For} directly changes nothing. Thread-safe.
 */
public final class ClientIpResolver {

    private final List<IpRange> trustedProxies;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(IpRange::parse).toList();
    }

    public String resolve(ServerRequest request) {
        String peer = IpRange.normalize(request.remotePeer().host());
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.headers().all(HeaderNames.X_FORWARDED_FOR, List::of);
        String client = peer;
        List<String> hops = forwarded.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = IpRange.normalize(hops.get(i));
            if (!IpRange.isIpLiteral(hop)) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String ip) {
        return trustedProxies.stream().anyMatch(range -> range.contains(ip));
    }
}
