package cn.gov.exam.change.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.http.IpRanges;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The address and Retry-After rules on their own, beside the API tests in WebhookDeliveryTest. */
class WebhookTargetRulesTest {
    @Test
    void numericHostsMeanWhatCResolversReadInThem() {
        for (String form : new String[] {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "127.0.1", "0x7f.0.0.1"}) {
            assertEquals("127.0.0.1", IpRanges.inetAton(form).orElseThrow().getHostAddress(), form);
        }
        assertEquals(
                "169.254.169.254",
                IpRanges.inetAton("169.254.43518").orElseThrow().getHostAddress());
        for (String invalid : new String[] {"1.2.3.4.5", "09.1.1.1", "256.1.1.1", "4294967296", "1.16777216"}) {
            assertTrue(IpRanges.inetAton(invalid).isEmpty(), invalid);
        }
        assertFalse(IpRanges.looksNumeric("1e100.net"));
        assertTrue(IpRanges.isDottedDecimal("8.8.8.8"));
        assertFalse(IpRanges.isDottedDecimal("08.8.8.8"));
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String a : new String[] {
            "127.0.0.1",
            "10.1.2.3",
            "172.31.0.1",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd12::1",
            "fe80::1",
            "ff02::1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2001:db8::1"
        }) {
            assertFalse(IpRanges.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"8.8.8.8", "1.1.1.1", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1"}) {
            assertTrue(IpRanges.isPublic(InetAddress.getByName(a)), a);
        }
        assertTrue(IpRanges.Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("10.200.0.1")));
        assertFalse(IpRanges.Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.200.0.1")));
    }

    /** IPv6 forms that carry an IPv4 address, each with a private and a public one inside (issue 24). */
    static final String[][] EMBEDDED_IPV4 = {
        // form, address carrying 169.254.169.254 or 10.0.0.1, address carrying 8.8.8.8 (null: refused whatever it
        // carries)
        {"NAT64 64:ff9b::/96", "64:ff9b::a9fe:a9fe", "64:ff9b::808:808"},
        {"NAT64 local-use 64:ff9b:1::/48", "64:ff9b:1::a9fe:a9fe", null},
        {"IPv4-translated ::ffff:0:0:0/96", "::ffff:0:a9fe:a9fe", "::ffff:0:808:808"},
        {"IPv4-translated, dotted", "::ffff:0:10.0.0.1", "::ffff:0:8.8.8.8"},
        {"IPv4-mapped ::ffff:0:0/96", "::ffff:a9fe:a9fe", "::ffff:808:808"},
        {"IPv4-mapped, dotted", "::ffff:10.0.0.1", "::ffff:8.8.8.8"},
        {"IPv4-compatible ::/96", "::a9fe:a9fe", null},
        {"IPv4-compatible, dotted", "::10.0.0.1", null},
        {"6to4 2002::/16", "2002:a9fe:a9fe::1", "2002:808:808::1"},
        // Teredo: server 65.54.227.120, client 192.0.2.45 XOR-ed; and one with public server and client.
        {"Teredo 2001::/32", "2001:0:4136:e378:8000:63bf:3fff:fdd2", null},
        {"Teredo, public inside", "2001:0:808:808::f7f7:f7f7", null},
    };

    @Test
    void ipv6FormsAreJudgedByTheIpv4AddressTheyCarry() throws Exception {
        for (String[] row : EMBEDDED_IPV4) {
            assertFalse(IpRanges.isPublic(InetAddress.getByName(row[1])), row[0] + ": " + row[1]);
            if (row[2] != null) {
                assertTrue(IpRanges.isPublic(InetAddress.getByName(row[2])), row[0] + ": " + row[2]);
            }
        }
        assertFalse(IpRanges.isPublic(InetAddress.getByName("64:ff9b:1::808:808")), "local-use NAT64 is never public");
        assertFalse(IpRanges.isPublic(InetAddress.getByName("::808:808")), "IPv4-compatible is deprecated");
    }

    @Test
    void retryAfterIsSecondsOrADateWithinTheCap() {
        Instant now = Instant.parse("2023-01-15T02:00:00Z");
        Duration max = Duration.ofHours(8);
        assertEquals(Duration.ofSeconds(120), WebhookCaller.retryAfter("120", now, max));
        assertEquals(max, WebhookCaller.retryAfter("9223372036854775807", now, max));
        assertEquals(max, WebhookCaller.retryAfter("99999999999999999999999", now, max));
        assertEquals(Duration.ofSeconds(30), WebhookCaller.retryAfter("Sun, 15 Jan 2023 02:00:30 GMT", now, max));
        assertEquals(Duration.ZERO, WebhookCaller.retryAfter("Sun, 15 Jan 2023 01:00:00 GMT", now, max));
        assertEquals(Duration.ZERO, WebhookCaller.retryAfter("-5", now, max));
        assertEquals(Duration.ZERO, WebhookCaller.retryAfter("soon", now, max));
        assertEquals(Duration.ZERO, WebhookCaller.retryAfter(null, now, max));
    }
}
