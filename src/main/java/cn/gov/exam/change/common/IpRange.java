package cn.gov.exam.change.common;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}), or one address. */
public record IpRange(byte[] network, int prefix) {
    public static IpRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        InetAddress parsed = literal(slash < 0 ? s : s.substring(0, slash));
        if (parsed == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
        }
        byte[] address = parsed.getAddress();
        int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(s.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("Bad prefix length in " + cidr);
        }
        return new IpRange(address, prefix);
    }

    public boolean contains(String address) {
        InetAddress a = literal(address);
        return a != null && contains(a.getAddress());
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefix;
        return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }

    /** An IP literal; null for anything else (a host name is never looked up). */
    public static InetAddress literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45
                || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
