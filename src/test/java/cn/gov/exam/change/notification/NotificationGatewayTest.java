package cn.gov.exam.change.notification;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SMS gateways: the same subscription code, rules and audit as the payment systems' webhooks. */
@QuarkusTest
class NotificationGatewayTest extends NotificationTestBase {
    @Test
    void aGatewayIsManagedLikeAWebhookSubscriptionAndAtMostOneIsEnabled() {
        JsonPath g = registerGateway();
        long id = g.getLong("id");
        String secret = g.getString("secret");
        assertEquals("测试短信网关", g.getString("name"));
        org.junit.jupiter.api.Assertions.assertTrue(secret.startsWith("whsec_"));

        // A second enabled gateway is refused; the payment systems' list knows none of them.
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", gateway.url()))
                .post("/api/v1/admin/notification-gateways")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "gateway-already-enabled"));
        admin().queryParam("size", 500)
                .get("/api/v1/admin/webhook-subscriptions")
                .then()
                .body("items.id", not(hasItems((int) id)));
        admin().queryParam("size", 500)
                .get("/api/v1/admin/notification-gateways")
                .then()
                .body("items.find { it.id == " + id + " }.secret", nullValue())
                .body("items.find { it.id == " + id + " }.enabled", equalTo(true));
        // A gateway is not a payment system's subscription, nor the other way round.
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", id)
                .then()
                .statusCode(404);

        // The same address checks as the refund webhooks.
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.2:8080/sms"))
                .patch("/api/v1/admin/notification-gateways/{id}", id)
                .then()
                .statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", "省短信平台"))
                .patch("/api/v1/admin/notification-gateways/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("省短信平台"))
                .body("secret", nullValue());

        admin().post("/api/v1/admin/notification-gateways/{id}/disable", id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        JsonPath other = registerGateway();
        admin().post("/api/v1/admin/notification-gateways/{id}/enable", id)
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "gateway-already-enabled"));
        admin().post("/api/v1/admin/notification-gateways/{id}/disable", other.getLong("id"))
                .then()
                .statusCode(200);
        admin().post("/api/v1/admin/notification-gateways/{id}/enable", id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        String rotated = admin().post("/api/v1/admin/notification-gateways/{id}/rotate-secret", id)
                .then()
                .statusCode(200)
                .body("secret", startsWith("whsec_"))
                .body("previousSecretExpiresAt", notNullValue())
                .extract()
                .path("secret");
        assertNotEquals(secret, rotated);

        // A gateway's secret signs SMS; it never confirms a refund.
        String body = "{\"refundId\": 1, \"status\": \"SUCCEEDED\"}";
        long ts = clock.now().getEpochSecond();
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .header("webhook-id", "gw-" + id)
                .header("webhook-timestamp", ts)
                .header(
                        "webhook-signature",
                        cn.gov.exam.change.webhook.WebhookSigner.sign(rotated, "gw-" + id, ts, body))
                .body(body)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));

        // Every change is in the audit log, under the gateway's own names.
        admin().queryParam("subject", "notification-gateway:" + id)
                .queryParam("size", 100)
                .get("/api/v1/admin/audit-events")
                .then()
                .statusCode(200)
                .body(
                        "items.action",
                        hasItems(
                                "notification.gateway-created",
                                "notification.gateway-updated",
                                "notification.gateway-disabled",
                                "notification.gateway-enabled",
                                "notification.gateway-secret-rotated"));
    }

    @Test
    void aGatewaysDeliveriesAreListedWithTheirAttemptsAndReplayedWithTheSameWebhookId() {
        long id = registerGateway().getLong("id");
        gateway.answer(cn.gov.exam.change.support.WebhookReceiver.Answer.of(500));
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        drain(); // one 500, then 200; the other 200
        clock.advance(java.time.Duration.ofSeconds(15));
        drain();
        List<Map<String, Object>> items = admin().queryParam("status", "DELIVERED")
                .get("/api/v1/admin/notification-gateways/{id}/deliveries", id)
                .then()
                .statusCode(200)
                .body("items.eventType", hasItems("notification.requested"))
                .extract()
                .path("items");
        assertEquals(2, items.size(), x.code);
        Map<String, Object> retried = items.stream()
                .filter(d -> ((List<?>) d.get("attemptLog")).size() == 2)
                .findFirst()
                .orElseThrow();
        int deliveryId = (Integer) retried.get("id");
        admin().post("/api/v1/admin/notification-gateways/{id}/deliveries/{d}/replay", id, deliveryId)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("notificationId", equalTo(retried.get("notificationId")));
        int before = gateway.received().size();
        drain();
        assertEquals(before + 1, gateway.received().size());
        assertEquals(
                retried.get("webhookId"),
                gateway.received().get(gateway.received().size() - 1).id());
        // A refund delivery's replay path does not reach it.
        admin().post("/api/v1/admin/webhook-deliveries/{id}/replay", deliveryId)
                .then()
                .statusCode(404);
    }
}
