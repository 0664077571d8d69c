package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.support.WebhookReceiver.Answer;
import cn.gov.exam.change.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 6: refunds reach payment systems as signed webhooks, at least once, and are retried until delivered. */
@QuarkusTest
class WebhookDeliveryTest extends WebhookTestBase {
    @Test
    void aQueuedRefundIsDeliveredSignedAndConfirmed() {
        JsonPath sub = subscribe();
        String secret = sub.getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        SwitchFixture f = declined(1);
        drain();

        List<Received> got = receiver.received();
        assertEquals(1, got.size());
        Received r = got.get(0);
        assertTrue(
                StandardWebhooksTest.IndependentVerifier.verify(
                        secret, r.signature(), r.id(), Long.parseLong(r.timestamp()), r.body()),
                "the signature verifies with the subscription's secret");
        JsonPath body = JsonPath.from(r.body());
        assertEquals("refund.requested", body.getString("type"));
        assertEquals(f.exam, body.getString("data.examCode"));
        assertEquals("100.00", body.getString("data.amount"));
        assertEquals("CNY", body.getString("data.currency"));
        assertEquals("ALIPAY", body.getString("data.channel"));
        assertEquals("DECLINED", body.getString("data.reason"));
        String id = f.others.get(0);
        assertEquals(id.substring(0, 6) + "********" + id.substring(14), body.getString("data.idNumberMasked"));
        assertFalse(r.body().contains(id), "no full ID number in a webhook");
        long refundId = body.getLong("data.refundId");

        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].webhookId", equalTo(r.id()))
                .body("items[0].attemptLog[0].statusCode", equalTo(200));

        // The payment system confirms, signed the same way; a duplicate changes nothing.
        String confirmation =
                "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"RF-1\"}";
        callback(secret, "cb-" + refundId, confirmation, clock.now()).statusCode(204);
        callback(secret, "cb-" + refundId, confirmation, clock.now()).statusCode(204);
        String late = "{\"refundId\": " + refundId + ", \"status\": \"FAILED\", \"failureReason\": \"x\"}";
        callback(secret, "cb2-" + refundId, late, clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].channelRefundId", equalTo("RF-1"));
        as(Api.applicantToken(f.exam, id)).get("/api/v1/me").then().body("refund.status", equalTo("SUCCEEDED"));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("refunds.SUCCEEDED", equalTo(1));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + refundId)
                .then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")));
    }

    @Test
    void retriesAfter500AndATimeoutWithTheSameWebhookId() {
        JsonPath sub = subscribe();
        receiver.answer(Answer.of(500), new Answer(200, 2500, Map.of()), Answer.of(200));
        declined(1);
        drain();
        assertEquals(1, receiver.received().size());
        drain();
        assertEquals(1, receiver.received().size(), "nothing is due before the backoff has passed");
        clock.advance(Duration.ofSeconds(13)); // first wait: 10 s ± 20 %
        drain();
        assertEquals(2, receiver.received().size()); // timed out after 1 s
        clock.advance(Duration.ofSeconds(25)); // second wait: 20 s ± 20 %
        drain();
        List<Received> got = receiver.received();
        assertEquals(3, got.size());
        assertEquals(1, got.stream().map(Received::id).distinct().count(), "one webhook-id on every retry");
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].attemptLog.statusCode", equalTo(java.util.Arrays.asList(500, null, 200)))
                .body("items[0].attemptLog[1].error", equalTo("timeout"));
    }

    @Test
    void afterTheLastAttemptTheDeliveryFailsUntilReplayed() {
        JsonPath sub = subscribe();
        receiver.answer(Answer.of(500), Answer.of(500), Answer.of(502), Answer.of(500));
        SwitchFixture f = declined(1);
        for (int i = 0; i < 4; i++) {
            drain();
            clock.advance(Duration.ofSeconds(60));
        }
        assertEquals(4, receiver.received().size());
        long deliveryId = admin().get(
                        "/api/v1/admin/webhook-subscriptions/{id}/deliveries?status=FAILED", sub.getLong("id"))
                .then()
                .body("total", equalTo(1))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].lastStatusCode", equalTo(500))
                .extract()
                .jsonPath()
                .getLong("items[0].id");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("QUEUED"));

        admin().post("/api/v1/admin/webhook-deliveries/{id}/replay", deliveryId)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"));
        drain();
        assertEquals(5, receiver.received().size());
        assertEquals(
                1, receiver.received().stream().map(Received::id).distinct().count());
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
        // The attempt count agrees with the log across the replay (the schedule started again).
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].attempts", equalTo(5))
                .body("items[0].attemptLog.size()", equalTo(5))
                .body("items[0].retryStep", equalTo(1));
    }

    /** Issue 23 point 7: a refund whose delivery fails shows it in the refund list and the summary counts it. */
    @Test
    void aFailingDeliveryShowsInTheRefundListAndTheSummaryCountsIt() {
        subscribe();
        receiver.answer(Answer.of(500));
        SwitchFixture f = declined(1);
        drain();
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("QUEUED"))
                .body("items[0].delivery.status", equalTo("PENDING"))
                .body("items[0].delivery.problem", equalTo(true))
                .body("items[0].delivery.attempts", equalTo(1))
                .body("items[0].delivery.lastStatusCode", equalTo(500))
                .body("items[0].delivery.nextAttemptAt", org.hamcrest.Matchers.notNullValue());
        admin().get("/api/v1/admin/exams/{exam}/refunds?deliveryProblem=true", f.exam)
                .then()
                .body("total", equalTo(1));
        admin().get("/api/v1/admin/exams/{exam}/refunds?deliveryProblem=false", f.exam)
                .then()
                .body("total", equalTo(0));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("refundDeliveryProblems", equalTo(1));

        clock.advance(Duration.ofSeconds(60));
        drain(); // the next try is answered 200
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].delivery.status", equalTo("DELIVERED"))
                .body("items[0].delivery.problem", equalTo(false))
                .body("items[0].delivery.attempts", equalTo(2))
                .body("items[0].delivery.nextAttemptAt", nullValue());
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("refundDeliveryProblems", equalTo(0));
    }

    @Test
    void aRefundWaitsForASubscriptionThatCoversItsChannel() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "channels", List.of("WECHAT")))
                .post("/api/v1/admin/webhook-subscriptions")
                .then()
                .statusCode(201);
        SwitchFixture f = declined(1);
        drain();
        assertEquals(0, receiver.received().size());
        subscribe();
        drain();
        assertEquals(1, receiver.received().size());
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
    }

    @Test
    void goneDisablesTheSubscriptionAndRetryAfterIsHonoured() {
        JsonPath sub = subscribe();
        receiver.answer(new Answer(429, 0, Map.of("Retry-After", "30")), Answer.of(410));
        declined(1);
        drain();
        clock.advance(Duration.ofSeconds(20)); // beyond the 10 s backoff, before Retry-After
        drain();
        assertEquals(1, receiver.received().size());
        clock.advance(Duration.ofSeconds(11));
        drain();
        assertEquals(2, receiver.received().size());
        admin().get("/api/v1/admin/webhook-subscriptions")
                .then()
                .body("items.find { it.id == " + sub.getLong("id") + " }.enabled", equalTo(false))
                .body("items.find { it.id == " + sub.getLong("id") + " }.secret", nullValue());
        // The message waits for the payment system's new endpoint.
        subscribe();
        drain();
        assertEquals(3, receiver.received().size());
    }

    @Test
    void aRotatedSecretKeepsTheOldOneDuringItsGrace() {
        JsonPath sub = subscribe();
        String old = sub.getString("secret");
        String fresh = admin().post("/api/v1/admin/webhook-subscriptions/{id}/rotate-secret", sub.getLong("id"))
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        SwitchFixture f = declined(1);
        drain();
        Received r = receiver.received().get(0);
        assertEquals(2, r.signature().split(" ").length);
        long ts = Long.parseLong(r.timestamp());
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(fresh, r.signature(), r.id(), ts, r.body()));
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(old, r.signature(), r.id(), ts, r.body()));
        long refundId = JsonPath.from(r.body()).getLong("data.refundId");
        callback(old, "rot-1", "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}", clock.now())
                .statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SUCCEEDED"));
    }

    // --- Where webhooks may go (no calls into the service's own network)

    @Test
    void theTargetIsCheckedAgainBeforeEachCall() throws Exception {
        JsonPath sub = subscribe();
        // As if the payment system's name now resolved into our network.
        try (WebhookReceiver internal = new WebhookReceiver("127.0.0.2")) {
            sql("update webhook_subscription set url = '" + internal.url() + "' where id = " + sub.getLong("id"));
            SwitchFixture f = declined(1);
            drain();
            assertEquals(0, internal.received().size(), "no call into a non-public address");
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                    .then()
                    .body("items[0].status", equalTo("PENDING"))
                    .body("items[0].attemptLog[0].error", equalTo("target not allowed"))
                    .body("items[0].attemptLog[0].statusCode", nullValue());
            admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("QUEUED"));
            sql("update webhook_subscription set url = '" + receiver.url() + "' where id = " + sub.getLong("id"));
            clock.advance(Duration.ofSeconds(13));
            drain();
            assertEquals(0, internal.received().size());
            assertEquals(1, receiver.received().size(), "delivered once the name is public again");
        }
    }

    @Test
    void failedCallsAreLoggedInNeutralWords() throws Exception {
        String closed;
        try (WebhookReceiver gone = new WebhookReceiver()) {
            closed = gone.url();
        }
        try (java.net.ServerSocket garbage =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread speaker = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (java.net.Socket s = garbage.accept()) {
                        s.getOutputStream()
                                .write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            speaker.setDaemon(true);
            speaker.start();
            long refused = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", closed, "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            declined(1);
            drain();
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", refused)
                    .then()
                    .body("items[0].attemptLog[0].error", equalTo("connection refused"))
                    .body("items[0].lastError", equalTo("connection refused"));
            admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", refused)
                    .then()
                    .statusCode(200);
            long ssh = admin().contentType(ContentType.JSON)
                    .body(Map.of(
                            "url", "http://127.0.0.1:" + garbage.getLocalPort() + "/", "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            clock.advance(Duration.ofSeconds(13));
            drain();
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", ssh)
                    .then()
                    .body("items[0].attemptLog.error", equalTo(List.of("connection refused", "invalid response")));
        }
    }
}
