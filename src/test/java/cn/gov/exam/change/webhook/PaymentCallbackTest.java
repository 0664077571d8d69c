package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.gov.exam.change.support.SwitchFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 6: payment systems confirm refunds by signed callbacks; the signature first, over the bytes as sent. */
@QuarkusTest
class PaymentCallbackTest extends WebhookTestBase {
    @Test
    void badCallbacksAreRefused() {
        String secret = subscribe().getString("secret");
        SwitchFixture f = declined(1);
        drain();
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");
        String body = "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}";
        callback(WebhookSigner.newSecret(), "x1", body, clock.now())
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x2", body, clock.now().minus(Duration.ofMinutes(6)))
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x3", "{\"refundId\": 999999999, \"status\": \"SUCCEEDED\"}", clock.now())
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .header("webhook-id", "x6")
                .header("webhook-timestamp", "999999999999999999")
                .header("webhook-signature", "v1,AAAA")
                .body(body)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x4", "{\"refundId\": " + refundId + ", \"status\": \"MAYBE\"}", clock.now())
                .statusCode(400);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));

        // A failed refund goes back to the queue only by an administrator, as a new message.
        callback(
                        secret,
                        "x5",
                        "{\"refundId\": " + refundId
                                + ", \"status\": \"FAILED\", \"failureReason\": \"closed account\"}",
                        clock.now())
                .statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=FAILED", f.exam)
                .then()
                .body("items[0].failureReason", equalTo("closed account"));
        admin().post("/api/v1/admin/refunds/{id}/requeue", refundId)
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"));
        admin().post("/api/v1/admin/refunds/{id}/requeue", refundId)
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        drain();
        assertEquals(2, receiver.received().size());
        assertFalse(receiver.received()
                .get(0)
                .id()
                .equals(receiver.received().get(1).id()));
    }

    @Test
    void anUnsignedCallbackTouchesNoRefund() throws Exception {
        subscribe();
        SwitchFixture f = declined(1);
        long refundId = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .extract()
                .jsonPath()
                .getLong("items[0].id");
        String body = "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select id from refund where id = ? for update")) {
                ps.setLong(1, refundId);
                ps.executeQuery();
            }
            // While another transaction holds the refund, a forged callback is answered at once:
            // it is refused on its signature before anything reads the refund.
            CompletableFuture<Integer> forged =
                    CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                            .header("webhook-id", "forged")
                            .header("webhook-timestamp", clock.now().getEpochSecond())
                            .header("webhook-signature", "v1,AAAA")
                            .body(body)
                            .post("/api/v1/payment-callbacks/refunds")
                            .then()
                            .extract()
                            .statusCode());
            try {
                assertEquals(401, forged.get(20, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                c.rollback();
            }
        }
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("QUEUED"));
    }

    @Test
    void callbacksAreVerifiedOverTheRawBodyThenParsed() {
        String secret = subscribe().getString("secret");
        String wechat = admin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "channels", List.of("WECHAT")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        SwitchFixture f = declined(1);
        drain();
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");

        // Signed, but not JSON: only an authenticated body is read, and then it is a bad request.
        callback(secret, "raw-1", "{\"refundId\": " + refundId + ", ", clock.now())
                .statusCode(400)
                .body("type", equalTo(BASE + "malformed-request"));
        callback(secret, "raw-2", "{\"refundId\": \"x\", \"status\": \"FAILED\"}", clock.now())
                .statusCode(400)
                .body("errors[0].field", equalTo("refundId"));
        // A valid signature of a payment system that does not cover the refund's channel.
        callback(wechat, "raw-3", "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}", clock.now())
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));

        // The signature is over the bytes as sent, whatever charset the Content-Type claims.
        byte[] bytes = ("{\"refundId\": " + refundId + ", \"status\": \"FAILED\", \"failureReason\": \"账户已注销\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ts = clock.now().getEpochSecond();
        given().contentType("application/json; charset=ISO-8859-1")
                .header("webhook-id", "raw-4")
                .header("webhook-timestamp", ts)
                .header("webhook-signature", WebhookSigner.sign(secret, "raw-4", ts, bytes))
                .body(bytes)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].failureReason", equalTo("账户已注销"));
    }

    @Test
    void webhookIdsAreScopedToTheSubscriptionThatSigned() throws Exception {
        String alipay = subscribe().getString("secret");
        String wechat = create(receiver.url(), List.of("WECHAT"))
                .statusCode(201)
                .extract()
                .path("secret");
        SwitchFixture f = declined(2);
        List<Long> ids = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);
        long a = ids.get(0);
        long w = ids.get(1);
        sql("update refund set channel = 'WECHAT' where id = " + w);

        // Another payment system used the id first: this one's confirmation is applied all the same.
        callback(
                        wechat,
                        "same-id",
                        "{\"refundId\": " + w + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"W-1\"}",
                        clock.now())
                .statusCode(204);
        String confirmation = "{\"refundId\": " + a + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"A-1\"}";
        callback(alipay, "same-id", confirmation, clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=SUCCEEDED", f.exam)
                .then()
                .body("items.id", containsInAnyOrder((int) a, (int) w))
                .body("items.channelRefundId", containsInAnyOrder("A-1", "W-1"));

        // Within one subscription: the same message again is harmless, another message under the id is refused.
        callback(alipay, "same-id", confirmation, clock.now()).statusCode(204);
        callback(
                        alipay,
                        "same-id",
                        "{\"refundId\": " + a + ", \"status\": \"FAILED\", \"failureReason\": \"x\"}",
                        clock.now())
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "webhook-id-reused"));
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=SUCCEEDED", f.exam)
                .then()
                .body("items", hasSize(2));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + a)
                .then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")));
    }
}
