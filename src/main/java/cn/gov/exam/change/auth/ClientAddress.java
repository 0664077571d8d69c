package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.http.IpRanges;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client a request comes from, as sign-in throttling counts it. The TCP peer,
 * unless the peer is one of {@code app.http.trusted-proxies}: then {@code X-Forwarded-For} is read
 * from the right, past the trusted proxies, to the first address they did not add. (Quarkus' own
 * forwarding support takes the left-most entry, which any client can write.)
 */
@ApplicationScoped
public class ClientAddress {
    /** Where no address is known (a test transport, a Unix socket). */
    static final String UNKNOWN = "unknown";

    private final List<IpRanges.Cidr> trusted;

    @Inject
    public ClientAddress(AppConfig config) {
        this.trusted = config.http().trustedProxies().orElse(List.of()).stream()
                .map(IpRanges.Cidr::parse)
                .toList();
    }

    public String of(RoutingContext ctx) {
        SocketAddress peer = ctx == null ? null : ctx.request().remoteAddress();
        String address = peer == null || peer.hostAddress() == null ? UNKNOWN : peer.hostAddress();
        if (!isTrusted(address)) {
            return address;
        }
        List<String> forwarded = ctx.request().headers().getAll("X-Forwarded-For");
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> literal = IpRanges.literal(hops[i]);
                if (literal.isEmpty()) {
                    return address; // a hop we cannot read: stop at the last one we could
                }
                String hop = literal.get().getHostAddress();
                address = hop;
                if (!isTrusted(hop)) {
                    return hop;
                }
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> a = IpRanges.literal(address);
        return a.isPresent() && trusted.stream().anyMatch(r -> r.contains(a.get()));
    }
}
