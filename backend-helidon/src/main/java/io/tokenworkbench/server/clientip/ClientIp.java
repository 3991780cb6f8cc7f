package io.tokenworkbench.server.clientip;

import io.tokenworkbench.server.http.IpRange;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;

/** A request's client IP as {@link ClientIpResolver} decided it, kept in the request context. */
public record ClientIp(String address) {

    /** A filter that resolves the client IP once per request, before any handler runs. */
    public static Filter filter(ClientIpResolver resolver) {
        return (chain, request, response) -> {
            request.context().register(new ClientIp(resolver.resolve(request)));
            chain.proceed();
        };
    }

    public static String of(ServerRequest request) {
        return request.context().get(ClientIp.class).map(ClientIp::address)
                .orElseGet(() -> IpRange.normalize(request.remotePeer().host()));
    }
}
