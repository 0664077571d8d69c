package cn.gov.exam.change.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address ranges, the ones that are not the public internet, and the IPv4 forms that resolvers
 * accept besides dotted decimal. Webhooks are kept away from the service's own network with them,
 * and sign-in throttling knows its trusted proxies by them.
 */
public final class IpRanges {
    // Before the ranges below, which are parsed with them.
    private static final Pattern DOTTED_DECIMAL = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

    private IpRanges() {}

    /** A network: an address and the number of leading bits that must match. */
    public record Cidr(byte[] network, int prefix) {
        public static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR: " + text));
            byte[] bytes = address.getAddress();
            int prefix = slash < 0
                    ? bytes.length * 8
                    : Integer.parseInt(text.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + text);
            }
            return new Cidr(bytes, prefix);
        }

        public boolean contains(InetAddress address) {
            return matches(address.getAddress());
        }

        boolean matches(byte[] bytes) {
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[full] & mask) == (network[full] & mask);
        }
    }

    // The IANA special-purpose registries (RFC 6890 and successors): loopback, private, link-local
    // (cloud metadata at 169.254.169.254), shared CGN space, documentation, benchmarking,
    // multicast, reserved; IPv6 unique-local, link-local, site-local, discard, the IETF protocol
    // block (with Teredo, 2001::/32), the local-use NAT64 prefix (RFC 8215) and the deprecated
    // IPv4-compatible block (::a.b.c.d, which older stacks still tunnel). Addresses that carry an
    // IPv4 address to be reached through a public translator or relay are judged by that IPv4
    // address: NAT64 (64:ff9b::/96), IPv4-translated (SIIT, ::ffff:0:a.b.c.d) and 6to4. IPv4-mapped
    // ones (::ffff:a.b.c.d) are never seen as such: InetAddress turns them into IPv4 addresses.
    private static final List<Cidr> NOT_PUBLIC = List.of(
                    "0.0.0.0/8",
                    "10.0.0.0/8",
                    "100.64.0.0/10",
                    "127.0.0.0/8",
                    "169.254.0.0/16",
                    "172.16.0.0/12",
                    "192.0.0.0/24",
                    "192.0.2.0/24",
                    "192.88.99.0/24",
                    "192.168.0.0/16",
                    "198.18.0.0/15",
                    "198.51.100.0/24",
                    "203.0.113.0/24",
                    "224.0.0.0/4",
                    "240.0.0.0/4",
                    "::/96",
                    "64:ff9b:1::/48",
                    "100::/64",
                    "2001::/23",
                    "2001:db8::/32",
                    "fc00::/7",
                    "fe80::/10",
                    "fec0::/10",
                    "ff00::/8")
            .stream()
            .map(Cidr::parse)
            .toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (NAT64.matches(b) || IPV4_TRANSLATED.matches(b)) {
            return isPublic(v4(b, 12));
        }
        if (SIX_TO_FOUR.matches(b)) {
            return isPublic(v4(b, 2));
        }
        return NOT_PUBLIC.stream().noneMatch(c -> c.matches(b));
    }

    private static InetAddress v4(byte[] b, int from) {
        try {
            return InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IPv4 address as four decimal numbers without leading zeros: the one form all parsers read alike. */
    public static boolean isDottedDecimal(String host) {
        return DOTTED_DECIMAL.matcher(host).matches();
    }

    /** True when every dot-separated part is a number: to resolvers it is an address, not a name. */
    public static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            return false;
        }
        for (String part : h.split("\\.", -1)) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a numeric host as inet_aton(3) does, the reading of the C resolvers that curl and
     * proxies use: one to four parts, each decimal, 0x-hex or 0-octal, the last filling the
     * remaining bytes ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1} and {@code 127.1}
     * all mean 127.0.0.1). Empty when it is not a valid address in any form.
     */
    public static Optional<InetAddress> inetAton(String host) {
        if (!looksNumeric(host)) {
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.startsWith("0x") || p.startsWith("0X")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return Optional.empty(); // 09 (not octal), or more digits than any address has
            }
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(v4(
                new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address},
                0));
    }

    /** An IPv6 literal (with or without brackets) or an IPv4 address in any numeric form; never a DNS lookup. */
    public static Optional<InetAddress> literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.contains(":")) {
            try {
                return Optional.of(InetAddress.getByName(t)); // a literal: parsed, not resolved
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return inetAton(t);
    }
}
