package cn.gov.exam.change.webhook;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.support.WebhookReceiver.Answer;
import cn.gov.exam.change.support.WebhookReceiver.Received;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md rule 6: refunds reach payment systems as signed webhooks, at least once, and come back confirmed. */
@QuarkusTest
class WebhookDeliveryTest {
    private static final String BASE = "https://position-change.example/problems/";
    private static final Instant DURING = OffsetDateTime.parse("2023-01-15T10:00:00+08:00").toInstant();

    @Inject
    TestClock clock;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    AgroalDataSource dataSource;

    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        clock.set(DURING);
        receiver = new WebhookReceiver();
        // Each test starts from an empty outbox: earlier tests' messages are not this test's business.
        sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
        sql("update webhook_subscription set enabled = false");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        clock.reset();
    }

    /** A subscription to ALIPAY refunds (the channel of the fixtures); returns id and secret. */
    private JsonPath subscribe() {
        return admin().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(201).extract().jsonPath();
    }

    /** Refunds for n declining applicants of a fresh exam; returns the exam code. */
    private static SwitchFixture declined(int n) {
        SwitchFixture f = new SwitchFixture(1, n);
        for (String id : f.others) {
            as(Api.applicantToken(f.exam, id)).post("/api/v1/me/refund-request").then().statusCode(201);
        }
        return f;
    }

    private void drain() {
        while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
            // until nothing is due
        }
    }

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
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(secret, r.signature(), r.id(),
                Long.parseLong(r.timestamp()), r.body()), "the signature verifies with the subscription's secret");
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
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                .body("items[0].status", equalTo("DELIVERED")).body("items[0].webhookId", equalTo(r.id()))
                .body("items[0].attemptLog[0].statusCode", equalTo(200));

        // The payment system confirms, signed the same way; a duplicate changes nothing.
        String confirmation = "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"RF-1\"}";
        callback(secret, "cb-" + refundId, confirmation, clock.now()).statusCode(204);
        callback(secret, "cb-" + refundId, confirmation, clock.now()).statusCode(204);
        String late = "{\"refundId\": " + refundId + ", \"status\": \"FAILED\", \"failureReason\": \"x\"}";
        callback(secret, "cb2-" + refundId, late, clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then()
                .body("items[0].status", equalTo("SUCCEEDED")).body("items[0].channelRefundId", equalTo("RF-1"));
        as(Api.applicantToken(f.exam, id)).get("/api/v1/me").then().body("refund.status", equalTo("SUCCEEDED"));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("refunds.SUCCEEDED", equalTo(1));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + refundId).then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")));
    }

    @Test
    void badCallbacksAreRefused() {
        String secret = subscribe().getString("secret");
        SwitchFixture f = declined(1);
        drain();
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");
        String body = "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}";
        callback(WebhookSigner.newSecret(), "x1", body, clock.now()).statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x2", body, clock.now().minus(Duration.ofMinutes(6))).statusCode(401)
                .body("type", equalTo(BASE + "invalid-signature"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/payment-callbacks/refunds").then()
                .statusCode(401).body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x3", "{\"refundId\": 999999999, \"status\": \"SUCCEEDED\"}", clock.now()).statusCode(401);
        given().contentType(ContentType.JSON).header("webhook-id", "x6").header("webhook-timestamp", "999999999999999999")
                .header("webhook-signature", "v1,AAAA").body(body).post("/api/v1/payment-callbacks/refunds").then()
                .statusCode(401).body("type", equalTo(BASE + "invalid-signature"));
        callback(secret, "x4", "{\"refundId\": " + refundId + ", \"status\": \"MAYBE\"}", clock.now()).statusCode(400);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));

        // A failed refund goes back to the queue only by an administrator, as a new message.
        callback(secret, "x5", "{\"refundId\": " + refundId + ", \"status\": \"FAILED\", \"failureReason\": \"closed account\"}",
                clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=FAILED", f.exam).then()
                .body("items[0].failureReason", equalTo("closed account"));
        admin().post("/api/v1/admin/refunds/{id}/requeue", refundId).then().statusCode(200).body("status", equalTo("QUEUED"));
        admin().post("/api/v1/admin/refunds/{id}/requeue", refundId).then().statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        drain();
        assertEquals(2, receiver.received().size());
        assertFalse(receiver.received().get(0).id().equals(receiver.received().get(1).id()));
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
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].attemptLog.statusCode", equalTo(java.util.Arrays.asList(500, null, 200)))
                .body("items[0].attemptLog[1].error", org.hamcrest.Matchers.containsString("Timeout"));
    }

    @Test
    void afterTheLastAttemptTheDeliveryFailsUntilReplayed() {
        JsonPath sub = subscribe();
        receiver.answer(Answer.of(503), Answer.of(500), Answer.of(502), Answer.of(500));
        SwitchFixture f = declined(1);
        for (int i = 0; i < 4; i++) {
            drain();
            clock.advance(Duration.ofSeconds(60));
        }
        assertEquals(4, receiver.received().size());
        long deliveryId = admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries?status=FAILED", sub.getLong("id"))
                .then().body("total", equalTo(1)).body("items[0].attempts", equalTo(4))
                .body("items[0].lastStatusCode", equalTo(500)).extract().jsonPath().getLong("items[0].id");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("QUEUED"));

        admin().post("/api/v1/admin/webhook-deliveries/{id}/replay", deliveryId).then().statusCode(200)
                .body("status", equalTo("PENDING"));
        drain();
        assertEquals(5, receiver.received().size());
        assertEquals(1, receiver.received().stream().map(Received::id).distinct().count());
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
    }

    @Test
    void subscriptionsAreValidated() {
        admin().contentType(ContentType.JSON).body("{\"url\": \"" + receiver.url() + "\", \"channels\": [null]}")
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"));
        admin().contentType(ContentType.JSON).body(Map.of("url", "ftp://x", "channels", List.of("ALIPAY")))
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "channels", List.of("PAYPAL")))
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(400);
    }

    @Test
    void aRefundWaitsForASubscriptionThatCoversItsChannel() {
        admin().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "channels", List.of("WECHAT")))
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(201);
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
        receiver.answer(new Answer(429, 0, Map.of("Retry-After", "120")), Answer.of(410));
        declined(1);
        drain();
        clock.advance(Duration.ofSeconds(60)); // beyond the 10 s backoff, before Retry-After
        drain();
        assertEquals(1, receiver.received().size());
        clock.advance(Duration.ofSeconds(61));
        drain();
        assertEquals(2, receiver.received().size());
        admin().get("/api/v1/admin/webhook-subscriptions").then()
                .body("items.find { it.id == " + sub.getLong("id") + " }.enabled", equalTo(false))
                .body("items.find { it.id == " + sub.getLong("id") + " }.secret", nullValue());
        // The message waits for the payment system's new endpoint.
        subscribe();
        drain();
        assertEquals(3, receiver.received().size());
    }

    @Test
    void aDispatcherThatDiesMidRoundLosesNothing() {
        subscribe();
        declined(2);
        // Dispatcher "A" claims both and dies before sending.
        List<WebhookDispatcher.Claim> claimed = QuarkusTransaction.requiringNew().call(() -> dispatcher.claim("A"));
        assertEquals(2, claimed.size());
        drain();
        assertEquals(0, receiver.received().size(), "claimed work is not taken while the lease holds");
        clock.advance(Duration.ofSeconds(61));
        drain();
        assertEquals(2, receiver.received().size());
        assertEquals(Set.of(claimed.get(0).messageId(), claimed.get(1).messageId()),
                new HashSet<>(receiver.received().stream().map(Received::id).toList()));
    }

    @Test
    void twoDispatchersOnOneDatabaseNeverSendOneAttemptTwice() throws Exception {
        subscribe();
        declined(30);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                int total = 0;
                for (int n; (n = dispatcher.dispatchOnce(name)) > 0; ) {
                    total += n;
                }
                return total;
            }));
        }
        int attempted = runs.stream().mapToInt(CompletableFuture::join).sum();
        assertEquals(30, attempted);
        List<Received> got = receiver.received();
        assertEquals(30, got.size());
        assertEquals(30, got.stream().map(Received::id).distinct().count());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*), count(distinct dispatcher) from webhook_attempt a join webhook_delivery d "
                        + "on d.id = a.delivery_id where d.message_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", got.stream().map(Received::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(30, rs.getInt(1));
            }
        }
    }

    @Test
    void aRotatedSecretKeepsTheOldOneDuringItsGrace() {
        JsonPath sub = subscribe();
        String old = sub.getString("secret");
        String fresh = admin().post("/api/v1/admin/webhook-subscriptions/{id}/rotate-secret", sub.getLong("id"))
                .then().statusCode(200).extract().path("secret");
        SwitchFixture f = declined(1);
        drain();
        Received r = receiver.received().get(0);
        assertEquals(2, r.signature().split(" ").length);
        long ts = Long.parseLong(r.timestamp());
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(fresh, r.signature(), r.id(), ts, r.body()));
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(old, r.signature(), r.id(), ts, r.body()));
        long refundId = JsonPath.from(r.body()).getLong("data.refundId");
        callback(old, "rot-1", "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}", clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SUCCEEDED"));
    }

    private static ValidatableResponse callback(String secret, String id, String body, Instant at) {
        long ts = at.getEpochSecond();
        return given().contentType(ContentType.JSON).header("webhook-id", id).header("webhook-timestamp", ts)
                .header("webhook-signature", WebhookSigner.sign(secret, id, ts, body)).body(body)
                .post("/api/v1/payment-callbacks/refunds").then();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
