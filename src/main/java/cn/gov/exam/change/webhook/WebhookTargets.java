package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.http.IpRanges;
import cn.gov.exam.change.common.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where webhooks may go: public addresses only, unless {@code app.webhooks.allowed-hosts} names
 * the host or a network of its address (an on-premise payment gateway). Otherwise a subscription
 * would make the dispatcher call the service's own network (loopback, cloud metadata, private
 * ranges) and report what it found. Checked when a subscription is made and again before every
 * call, as DNS answers change.
 */
@ApplicationScoped
public class WebhookTargets {
    private final Set<String> allowedNames = new HashSet<>();
    private final List<IpRanges.Cidr> allowedNetworks = new ArrayList<>();

    @Inject
    WebhookTargets(AppConfig config) {
        for (String entry : config.webhooks().allowedHosts().orElse(List.of())) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || IpRanges.literal(e).isPresent()) {
                allowedNetworks.add(IpRanges.Cidr.parse(e)); // an address or a CIDR
            } else {
                allowedNames.add(name(e));
            }
        }
    }

    /** For the creation of a subscription: a 400 on field {@code url} that says what is wrong. */
    public void requireAllowed(String url) {
        refusal(url).ifPresent(message -> {
            throw ProblemException.invalid("url", message);
        });
    }

    /**
     * Before a call: where the URL may be called now (resolved afresh), or empty when it may not;
     * in doubt, it may not. The call connects to the address checked here, not to a second
     * lookup's answer, which a hostile DNS server could point into our network.
     */
    public Optional<Target> target(String url) {
        try {
            Verdict v = check(url);
            return v.refusal() == null ? Optional.of(new Target(Optional.ofNullable(v.address()))) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A URL that may be called: {@code address} is the one to connect to, when a lookup chose it
     * (empty for an address in the URL, and for a host the operator allowed by name).
     */
    public record Target(Optional<InetAddress> address) {}

    /** Why the URL may not be called, or empty when it may. */
    Optional<String> refusal(String url) {
        return Optional.ofNullable(check(url).refusal());
    }

    /** Why not ({@code refusal}), or the address checked (null when none was looked up). */
    private record Verdict(String refusal, InetAddress address) {
        static Verdict refused(String why) {
            return new Verdict(why, null);
        }
    }

    private Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refused("must be an absolute http(s) URL");
        }
        // URI leaves the host null for forms it cannot read (127.1, under_score): so does the HTTP client.
        if (!uri.isAbsolute()
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getHost() == null) {
            return Verdict.refused("must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Verdict.refused("must not contain credentials (user:password@): the signature authenticates us");
        }
        String host = uri.getHost();
        if (host.startsWith("[") || IpRanges.looksNumeric(host)) {
            return new Verdict(literalRefusal(host).orElse(null), null);
        }
        if (allowedNames.contains(name(host))) {
            return new Verdict(null, null);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        // One message for "does not resolve" and "resolves to a private address": the answer
        // must not tell which internal names exist.
        if (addresses.length == 0 || !allPermitted(addresses)) {
            return Verdict.refused("must name a host that resolves to public addresses only "
                    + "(private hosts need app.webhooks.allowed-hosts)");
        }
        return new Verdict(null, addresses[0]);
    }

    private Optional<String> literalRefusal(String host) {
        Optional<InetAddress> address = IpRanges.literal(host);
        if (address.isEmpty()) {
            return Optional.of("is not a valid IP address");
        }
        String canonical = address.get().getHostAddress();
        if (!allPermitted(new InetAddress[] {address.get()})) {
            return Optional.of("points to " + canonical + ", which is not a public address "
                    + "(private hosts need app.webhooks.allowed-hosts)");
        }
        // Resolvers disagree on 0177.0.0.1 (127.0.0.1 to C, 177.0.0.1 to Java) and the like:
        // only the form that means one thing to every parser is stored.
        if (!host.startsWith("[") && !IpRanges.isDottedDecimal(host)) {
            return Optional.of("writes " + canonical + " in a non-standard form: write it as " + canonical);
        }
        return Optional.empty();
    }

    private boolean allPermitted(InetAddress[] addresses) {
        for (InetAddress a : addresses) {
            if (!IpRanges.isPublic(a) && allowedNetworks.stream().noneMatch(n -> n.contains(a))) {
                return false;
            }
        }
        return true;
    }

    private static String name(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
