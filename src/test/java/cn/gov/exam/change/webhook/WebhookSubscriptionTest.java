package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 6: subscriptions: validated targets, one enabled subscription per channel, moving endpoints. */
@QuarkusTest
class WebhookSubscriptionTest extends WebhookTestBase {
    @Test
    void subscriptionsAreValidated() {
        admin().contentType(ContentType.JSON)
                .body("{\"url\": \"" + receiver.url() + "\", \"channels\": [null]}")
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://x", "channels", List.of("ALIPAY")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "channels", List.of("PAYPAL")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(400);
    }

    // --- Where webhooks may go (no calls into the service's own network)

    @Test
    void subscriptionsToNonPublicOrDisguisedAddressesAreRefused() {
        int port = java.net.URI.create(receiver.url()).getPort();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("http://127.0.0.2:" + port + "/refunds", "points to 127.0.0.2");
        refused.put("http://169.254.169.254/latest/meta-data/", "points to 169.254.169.254");
        refused.put("http://10.0.0.1/", "points to 10.0.0.1");
        refused.put("http://172.16.5.4/", "points to 172.16.5.4");
        refused.put("http://192.168.1.1/", "points to 192.168.1.1");
        refused.put("http://100.64.0.1/", "points to 100.64.0.1");
        refused.put("http://0.0.0.0:" + port + "/", "points to 0.0.0.0");
        refused.put("http://[::1]:" + port + "/", "which is not a public address");
        refused.put("http://[fd00::1]/", "which is not a public address");
        refused.put("http://[fe80::1]/", "which is not a public address");
        refused.put("http://[::ffff:169.254.169.254]/", "points to 169.254.169.254");
        // The same addresses in the forms resolvers also accept: decimal, hex, octal.
        refused.put("http://2852039166/", "points to 169.254.169.254");
        refused.put("http://0xA9FEA9FE/", "points to 169.254.169.254");
        refused.put("http://2130706434:" + port + "/", "points to 127.0.0.2");
        refused.put("http://0x7f000002:" + port + "/", "points to 127.0.0.2");
        refused.put("http://0177.0.0.2:" + port + "/", "points to 127.0.0.2");
        // The allowed 127.0.0.1, but written so that parsers may disagree on what it is.
        refused.put("http://2130706433:" + port + "/refunds", "write it as 127.0.0.1");
        refused.put("http://0x7f000001:" + port + "/refunds", "write it as 127.0.0.1");
        refused.put("http://0177.0.0.01:" + port + "/refunds", "write it as 127.0.0.1");
        // Short forms (127.1) leave java.net.URI without a host, as they do the HTTP client.
        refused.put("http://127.1:" + port + "/refunds", "must be an absolute http(s) URL");
        refused.put("http://169.254.43518/", "must be an absolute http(s) URL");
        refused.put("http://0251.0376.0251.0376/", "must be an absolute http(s) URL"); // 169.254.169.254 in octal
        refused.put("http://user:secret@127.0.0.1:" + port + "/refunds", "must not contain credentials");
        refused.put("https://token@pay.example.com/refunds", "must not contain credentials");
        refused.forEach((url, message) -> admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "channels", List.of("ALIPAY")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "validation-failed"))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(message)));
        admin().get("/api/v1/admin/webhook-subscriptions?size=500")
                .then()
                .body(
                        "items.url",
                        org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.hasItems(refused.keySet().toArray(String[]::new))));
        subscribe(); // the allow-listed 127.0.0.1 of the tests
    }

    // --- One enabled subscription per channel, and moving endpoints

    @Test
    void atMostOneEnabledSubscriptionCoversAChannel() {
        long alipay = subscribe().getLong("id");
        create(receiver.url(), List.of("WECHAT", "ALIPAY"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "channel-already-subscribed"))
                .body("subscriptionId", equalTo((int) alipay))
                .body("channels", equalTo(List.of("ALIPAY")));
        long wechat = create(receiver.url(), List.of("WECHAT"))
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        patch(wechat, Map.of("channels", List.of("WECHAT", "ALIPAY")))
                .statusCode(409)
                .body("type", equalTo(BASE + "channel-already-subscribed"))
                .body("subscriptionId", equalTo((int) alipay));
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", alipay)
                .then()
                .statusCode(200);
        patch(wechat, Map.of("channels", List.of("WECHAT", "ALIPAY")))
                .statusCode(200)
                .body("channels", equalTo(List.of("ALIPAY", "WECHAT")))
                .body("secret", nullValue());
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/enable", alipay)
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "channel-already-subscribed"))
                .body("subscriptionId", equalTo((int) wechat));
        patch(wechat, Map.of("channels", List.of("WECHAT"))).statusCode(200);
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/enable", alipay)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("disabledReason", nullValue());
        // The target rules of creation hold for a changed URL as well.
        patch(wechat, Map.of("url", "http://169.254.169.254/")).statusCode(400).body("errors[0].field", equalTo("url"));
        patch(wechat, Map.of()).statusCode(400).body("type", equalTo(BASE + "validation-failed"));
        patch(wechat, Map.of("channels", List.of())).statusCode(400).body("errors[0].field", equalTo("channels"));
    }

    @Test
    void aPaymentSystemThatMovesItsEndpointGetsItsPendingRefundsThereAtOnce() {
        JsonPath sub =
                create(deadUrl(), List.of("ALIPAY")).statusCode(201).extract().jsonPath();
        long id = sub.getLong("id");
        SwitchFixture f = declined(1);
        drain();
        clock.advance(Duration.ofSeconds(13)); // past the tests' first wait (10 s ± 20 %)
        drain(); // two attempts refused: back-pressure, the next 10 s away
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", id)
                .then()
                .body("items[0].attemptLog.error", equalTo(List.of("connection refused", "connection refused")))
                // the attempt count agrees with the log; the schedule has not moved (back-pressure)
                .body("items[0].attempts", equalTo(2))
                .body("items[0].retryStep", equalTo(0))
                .body("items[0].status", equalTo("PENDING"));
        patch(id, Map.of("url", receiver.url()))
                .statusCode(200)
                .body("url", equalTo(receiver.url()))
                .body("channels", equalTo(List.of("ALIPAY")))
                .body("enabled", equalTo(true))
                .body("secret", nullValue());
        drain();
        assertEquals(1, receiver.received().size(), "due at once, to the new URL");
        Received r = receiver.received().get(0);
        assertTrue(
                StandardWebhooksTest.IndependentVerifier.verify(
                        sub.getString("secret"), r.signature(), r.id(), Long.parseLong(r.timestamp()), r.body()),
                "signed with the secret it had");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
        admin().get("/api/v1/admin/audit-events?subject=webhook-subscription:" + id
                        + "&action=webhook.subscription-updated")
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.url", equalTo(receiver.url()));
    }

    @Test
    void aSubscriptionThatTakesOverAChannelGetsItsPendingRefundsAtOnce() {
        long dead = create(deadUrl(), List.of("ALIPAY"))
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        declined(1);
        drain();
        clock.advance(Duration.ofSeconds(13)); // past the tests' first wait (10 s ± 20 %)
        drain();
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", dead)
                .then()
                .statusCode(200);
        long live = subscribe().getLong("id");
        drain();
        assertEquals(1, receiver.received().size(), "due at once, to the subscription covering the channel now");
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", live)
                .then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].attemptLog.subscriptionId", equalTo(List.of((int) dead, (int) dead, (int) live)));
    }

    @Test
    void migrationV6KeepsTheNewestSubscriptionPerChannelOfADatabaseFromBeforeTheRule() throws Exception {
        // As a database from before the rule: three enabled subscriptions, overlapping.
        long[] ids = new long[3];
        String[] channels = {"{ALIPAY}", "{ALIPAY,WECHAT}", "{WECHAT}"};
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                insert into webhook_subscription (url, channels, secret, enabled, created_at, updated_at)
                values (?, ?::varchar[], 'whsec_test', true, ?, ?) returning id""")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, receiver.url());
                ps.setString(2, channels[i]);
                java.sql.Timestamp at = java.sql.Timestamp.from(
                        Instant.parse("2023-01-01T00:00:00Z").plusSeconds(i));
                ps.setTimestamp(3, at);
                ps.setTimestamp(4, at);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids[i] = rs.getLong(1);
                }
            }
        }
        String v7;
        try (var in = getClass().getResourceAsStream("/db/migration/V6__one_subscription_per_channel.sql")) {
            v7 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute(v7);
        }
        // The newest (WECHAT) stays; the middle one overlaps it and is disabled; the oldest then
        // alone covers ALIPAY and stays, so that no channel loses its receiver.
        admin().get("/api/v1/admin/webhook-subscriptions?size=500")
                .then()
                .body("items.find { it.id == " + ids[0] + " }.enabled", equalTo(true))
                .body("items.find { it.id == " + ids[1] + " }.enabled", equalTo(false))
                .body(
                        "items.find { it.id == " + ids[1] + " }.disabledReason",
                        equalTo("a newer subscription covers its channels"))
                .body("items.find { it.id == " + ids[2] + " }.enabled", equalTo(true));
        admin().get("/api/v1/admin/audit-events?subject=webhook-subscription:" + ids[1])
                .then()
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo("system"))
                .body("items[0].action", equalTo("webhook.subscription-disabled"));
        create(receiver.url(), List.of("ALIPAY")).statusCode(409).body("subscriptionId", equalTo((int) ids[0]));
    }

    @Test
    void ipv6AddressesCarryingAPrivateIpv4AddressAreRefusedOnCreateAndPatch() {
        long id = subscribe().getLong("id");
        for (String[] row : WebhookTargetRulesTest.EMBEDDED_IPV4) {
            String url = "http://[" + row[1] + "]/hook";
            create(url, List.of("UNIONPAY"))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(BASE + "validation-failed"))
                    .body("errors[0].field", equalTo("url"));
            patch(id, Map.of("url", url)).statusCode(400).body("errors[0].field", equalTo("url"));
            if (row[2] != null) {
                String permitted = "http://[" + row[2] + "]/hook";
                patch(id, Map.of("url", permitted)).statusCode(200).body("url", equalTo(permitted));
            }
        }
    }
}
