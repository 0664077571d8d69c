package cn.gov.exam.change.webhook;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Eventually;
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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
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
    @Inject
    DispatchLoop loop;

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
        receiver.answer(new Answer(429, 0, Map.of("Retry-After", "30")), Answer.of(410));
        declined(1);
        drain();
        clock.advance(Duration.ofSeconds(20)); // beyond the 10 s backoff, before Retry-After
        drain();
        assertEquals(1, receiver.received().size());
        clock.advance(Duration.ofSeconds(11));
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
    void twoDispatchersOnOneDatabaseShareTheWorkAndNeverSendOneAttemptTwice() throws Exception {
        subscribe();
        declined(30);
        // Small rounds of a slow receiver: each dispatcher finds work the other has not claimed.
        receiver.otherwise(new Answer(200, 30, Map.of()));
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                int total = 0;
                for (int n; (n = dispatcher.dispatchOnce(name, 3)) > 0; ) {
                    total += n;
                }
                return total;
            }));
        }
        List<Integer> each = runs.stream().map(CompletableFuture::join).toList();
        assertEquals(30, each.get(0) + each.get(1));
        assertTrue(each.get(0) > 0 && each.get(1) > 0, "both dispatchers sent some: " + each);
        assertTrue(receiver.mostInFlight() <= 4, "one instance's limit holds across its dispatchers");
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
                assertEquals(2, rs.getInt(2), "attempts by both dispatchers");
            }
        }
    }

    // --- Respecting the peer, and waking up on commit

    @Test
    void noMoreCallsInFlightThanTheLimit() {
        JsonPath sub = subscribe();
        receiver.otherwise(new Answer(200, 100, Map.of()));
        declined(12);
        assertEquals(12, dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE), "one round");
        assertEquals(12, receiver.received().size());
        // app.webhooks.max-in-flight is 4 in tests; the receiver holds each call 100 ms.
        assertTrue(receiver.mostInFlight() <= 4, "at most 4 in flight, saw " + receiver.mostInFlight());
        assertTrue(receiver.mostInFlight() > 1, "calls do run side by side");
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries?status=DELIVERED", sub.getLong("id")).then()
                .body("total", equalTo(12));
    }

    @Test
    void aBusyPeerIsWaitedForWithoutUsingUpTheRetrySchedule() {
        JsonPath sub = subscribe();
        // Four calls answered "busy": the tests' schedule (10 s, 20 s, 40 s) fails a message after
        // four failures, and would not have allowed the next call yet.
        receiver.answer(new Answer(503, 0, Map.of("Retry-After", "5")), new Answer(429, 0, Map.of("Retry-After", "5")),
                Answer.of(503), new Answer(429, 0, Map.of("Retry-After", "5")));
        SwitchFixture f = declined(1);
        drain();
        clock.advance(Duration.ofSeconds(4));
        drain();
        assertEquals(1, receiver.received().size(), "Retry-After is honoured");
        // Busy for 10 s and more, the peer's messages wait 10 s (the first step) or its Retry-After.
        for (int seconds : new int[]{1, 5, 10, 10}) {
            clock.advance(Duration.ofSeconds(seconds));
            drain();
        }
        assertEquals(5, receiver.received().size());
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].attempts", equalTo(1))
                .body("items[0].attemptLog.statusCode", equalTo(List.of(503, 429, 503, 429, 200)));
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
    }

    @Test
    void aDecisionWakesTheDispatcherWithoutWaitingForItsPoll() throws Exception {
        JsonPath sub = subscribe();
        // A first delivery by hand: the HTTP client's first call (its start-up) is not the point here.
        declined(1);
        drain();
        assertEquals(1, receiver.received().size());
        loop.start(Duration.ofHours(1));
        try {
            await(loop::listening, "the loop listens");
            long before = loop.wokenByNotification();
            sql("notify webhook_due");
            await(() -> loop.wokenByNotification() > before, "a bare NOTIFY wakes the loop");
            SwitchFixture f = declined(1); // the refund's transaction notifies on commit
            diagnose = () -> {
                try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                     ResultSet rs = st.executeQuery("select d.status, d.attempts_total, d.next_attempt_at, d.claimed_by, "
                             + "d.channel from webhook_delivery d join refund f on f.id = d.refund_id join exam e on "
                             + "e.id = f.exam_id where e.code = '" + f.exam + "'")) {
                    StringBuilder out = new StringBuilder("clock " + clock.now() + " notified " + loop.wokenByNotification()
                            + " polled " + loop.wokenByPoll() + " received " + receiver.received().size() + "; ");
                    while (rs.next()) {
                        out.append(rs.getString(1)).append(' ').append(rs.getInt(2)).append(' ')
                                .append(rs.getTimestamp(3).toInstant()).append(' ').append(rs.getString(4)).append(' ')
                                .append(rs.getString(5)).append("; ");
                    }
                    return out.toString();
                } catch (Exception e) {
                    return e.toString();
                }
            };
            await(() -> "SENT".equals(admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().extract()
                    .path("items[0].status")), "the refund is delivered and recorded");
            assertEquals(2, receiver.received().size());
            assertEquals(0, loop.wokenByPoll(), "delivered on the notification: the hour-long poll never ran");
            assertTrue(loop.wokenByNotification() >= 1);
            admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                    .body("items[0].attemptLog[0].dispatcher", equalTo(WebhookDispatcher.INSTANCE));
        } finally {
            loop.stop();
        }
    }

    private static java.util.function.Supplier<String> diagnose = () -> "";

    /** Waits for something the service does on its own threads (not a timing: 60 s only bounds a failure). */
    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Eventually.await(Duration.ofSeconds(60), condition, () -> what + "\n" + diagnose.get() + "\n" + webhookThreads());
    }

    /** The stacks of the dispatcher's threads, to show where a delivery that never came is stuck. */
    private static String webhookThreads() {
        StringBuilder threads = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().startsWith("webhook")) {
                threads.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement e : st) {
                    threads.append("  ").append(e).append('\n');
                }
            }
        });
        return threads.toString();
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
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(BASE + "validation-failed"))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(message)));
        admin().get("/api/v1/admin/webhook-subscriptions?size=500").then()
                .body("items.url", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems(
                        refused.keySet().toArray(String[]::new))));
        subscribe(); // the allow-listed 127.0.0.1 of the tests
    }

    @Test
    void theTargetIsCheckedAgainBeforeEachCall() throws Exception {
        JsonPath sub = subscribe();
        // As if the payment system's name now resolved into our network.
        try (WebhookReceiver internal = new WebhookReceiver("127.0.0.2")) {
            sql("update webhook_subscription set url = '" + internal.url() + "' where id = " + sub.getLong("id"));
            SwitchFixture f = declined(1);
            drain();
            assertEquals(0, internal.received().size(), "no call into a non-public address");
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
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
        try (java.net.ServerSocket garbage = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread speaker = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (java.net.Socket s = garbage.accept()) {
                        s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            speaker.setDaemon(true);
            speaker.start();
            long refused = admin().contentType(ContentType.JSON).body(Map.of("url", closed, "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
            declined(1);
            drain();
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", refused).then()
                    .body("items[0].attemptLog[0].error", equalTo("connection refused"))
                    .body("items[0].lastError", equalTo("connection refused"));
            admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", refused).then().statusCode(200);
            long ssh = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + garbage.getLocalPort() + "/", "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
            clock.advance(Duration.ofSeconds(13));
            drain();
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", ssh).then()
                    .body("items[0].attemptLog.error", equalTo(List.of("connection refused", "invalid response")));
        }
    }

    // --- Retry-After, and outcomes recorded one by one

    @Test
    void aHugeRetryAfterIsClampedAndSpoilsNoOtherOutcome() {
        JsonPath sub = subscribe();
        SwitchFixture f = declined(2);
        List<Long> refunds = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().extract().jsonPath()
                .getList("items.id", Long.class);
        // The first claimed (and first recorded) answers an absurd Retry-After; the other succeeds.
        receiver.answerWhenBodyContains("\"refundId\":" + refunds.get(0) + ",",
                new Answer(429, 0, Map.of("Retry-After", "9223372036854775807")));
        Instant start = clock.now();
        drain();
        JsonPath deliveries = admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then().extract().jsonPath();
        String first = "items.find { it.refundId == " + refunds.get(0) + " }";
        String second = "items.find { it.refundId == " + refunds.get(1) + " }";
        assertEquals("DELIVERED", deliveries.getString(second + ".status"));
        assertEquals("PENDING", deliveries.getString(first + ".status"));
        // Clamped to the longest wait of the schedule (40 s in tests), well past its 10 s step.
        assertEquals(start.plusSeconds(40), Instant.parse(deliveries.getString(first + ".nextAttemptAt")));
        clock.advance(Duration.ofSeconds(61)); // past the lease: nothing was left claimed
        drain();
        List<Received> got = receiver.received();
        assertEquals(3, got.size());
        assertEquals(1, got.stream().filter(r -> r.body().contains("\"refundId\":" + refunds.get(1) + ",")).count(),
                "the delivered message is not sent again");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then()
                .body("items.status", equalTo(List.of("QUEUED", "SENT"))); // the first still answers 429
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        JsonPath sub = subscribe();
        Instant start = clock.now();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(start.plusSeconds(30).atOffset(java.time.ZoneOffset.UTC));
        receiver.answer(new Answer(503, 0, Map.of("Retry-After", date)));
        declined(1);
        drain();
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].nextAttemptAt", equalTo(start.plusSeconds(30).toString()));
    }

    // --- The refund state machine

    @Test
    void aConfirmationOfAQueuedRefundSettlesItsPendingDelivery() {
        JsonPath sub = subscribe();
        String secret = sub.getString("secret");
        // The payment system takes the request but answers 500: to us the refund is still QUEUED.
        receiver.answer(Answer.of(500));
        SwitchFixture f = declined(1);
        drain();
        assertEquals(1, receiver.received().size());
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("QUEUED"));

        callback(secret, "early-" + refundId, "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}", clock.now())
                .statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SUCCEEDED"));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + refundId).then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")))
                .body("items[1].after.earlyConfirmation", equalTo(true))
                .body("items[0].before.status", equalTo("SENT"));
        long deliveryId = admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id")).then()
                .body("items[0].status", equalTo("DELIVERED")).extract().jsonPath().getLong("items[0].id");
        admin().get("/api/v1/admin/audit-events?subject=webhook-delivery:" + deliveryId).then()
                .body("items.action", equalTo(List.of("webhook.delivery-settled")));

        clock.advance(Duration.ofMinutes(10)); // long past the retry
        drain();
        assertEquals(1, receiver.received().size(), "no refund.requested after the refund succeeded");
        admin().post("/api/v1/admin/webhook-deliveries/{id}/replay", deliveryId).then().statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        drain();
        assertEquals(1, receiver.received().size());
    }

    @Test
    void noDeliveryOfASettledRefundIsClaimed() throws Exception {
        String secret = subscribe().getString("secret");
        SwitchFixture f = declined(1);
        drain();
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");
        callback(secret, "fail-" + refundId, "{\"refundId\": " + refundId + ", \"status\": \"FAILED\"}", clock.now())
                .statusCode(204);
        // A delivery left pending for a settled refund (as the service's earlier versions left them).
        sql("update webhook_delivery set status = 'PENDING', attempts = 0 where refund_id = " + refundId);
        drain();
        assertEquals(1, receiver.received().size());
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("FAILED"));
    }

    // --- Callbacks: the signature first, over the bytes as sent

    @Test
    void anUnsignedCallbackTouchesNoRefund() throws Exception {
        subscribe();
        SwitchFixture f = declined(1);
        long refundId = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().extract().jsonPath()
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
            CompletableFuture<Integer> forged = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .header("webhook-id", "forged").header("webhook-timestamp", clock.now().getEpochSecond())
                    .header("webhook-signature", "v1,AAAA").body(body).post("/api/v1/payment-callbacks/refunds")
                    .then().extract().statusCode());
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
                .post("/api/v1/admin/webhook-subscriptions").then().statusCode(201).extract().path("secret");
        SwitchFixture f = declined(1);
        drain();
        long refundId = JsonPath.from(receiver.received().get(0).body()).getLong("data.refundId");

        // Signed, but not JSON: only an authenticated body is read, and then it is a bad request.
        callback(secret, "raw-1", "{\"refundId\": " + refundId + ", ", clock.now()).statusCode(400)
                .body("type", equalTo(BASE + "malformed-request"));
        callback(secret, "raw-2", "{\"refundId\": \"x\", \"status\": \"FAILED\"}", clock.now()).statusCode(400)
                .body("errors[0].field", equalTo("refundId"));
        // A valid signature of a payment system that does not cover the refund's channel.
        callback(wechat, "raw-3", "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}", clock.now())
                .statusCode(401).body("type", equalTo(BASE + "invalid-signature"));

        // The signature is over the bytes as sent, whatever charset the Content-Type claims.
        byte[] bytes = ("{\"refundId\": " + refundId + ", \"status\": \"FAILED\", \"failureReason\": \"账户已注销\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ts = clock.now().getEpochSecond();
        given().contentType("application/json; charset=ISO-8859-1").header("webhook-id", "raw-4")
                .header("webhook-timestamp", ts).header("webhook-signature", WebhookSigner.sign(secret, "raw-4", ts, bytes))
                .body(bytes).post("/api/v1/payment-callbacks/refunds").then().statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then()
                .body("items[0].status", equalTo("FAILED")).body("items[0].failureReason", equalTo("账户已注销"));
    }

    @Test
    void webhookIdsAreScopedToTheSubscriptionThatSigned() throws Exception {
        String alipay = subscribe().getString("secret");
        String wechat = create(receiver.url(), List.of("WECHAT")).statusCode(201).extract().path("secret");
        SwitchFixture f = declined(2);
        List<Long> ids = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().extract().jsonPath()
                .getList("items.id", Long.class);
        long a = ids.get(0);
        long w = ids.get(1);
        sql("update refund set channel = 'WECHAT' where id = " + w);

        // Another payment system used the id first: this one's confirmation is applied all the same.
        callback(wechat, "same-id", "{\"refundId\": " + w + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"W-1\"}",
                clock.now()).statusCode(204);
        String confirmation = "{\"refundId\": " + a + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"A-1\"}";
        callback(alipay, "same-id", confirmation, clock.now()).statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=SUCCEEDED", f.exam).then()
                .body("items.id", containsInAnyOrder((int) a, (int) w))
                .body("items.channelRefundId", containsInAnyOrder("A-1", "W-1"));

        // Within one subscription: the same message again is harmless, another message under the id is refused.
        callback(alipay, "same-id", confirmation, clock.now()).statusCode(204);
        callback(alipay, "same-id", "{\"refundId\": " + a + ", \"status\": \"FAILED\", \"failureReason\": \"x\"}",
                clock.now()).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(BASE + "webhook-id-reused"));
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=SUCCEEDED", f.exam).then().body("items", hasSize(2));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + a).then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")));
    }

    @Test
    void ipv6AddressesCarryingAPrivateIpv4AddressAreRefusedOnCreateAndPatch() {
        long id = subscribe().getLong("id");
        for (String[] row : WebhookTargetRulesTest.EMBEDDED_IPV4) {
            String url = "http://[" + row[1] + "]/hook";
            create(url, List.of("UNIONPAY")).statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(BASE + "validation-failed")).body("errors[0].field", equalTo("url"));
            patch(id, Map.of("url", url)).statusCode(400).body("errors[0].field", equalTo("url"));
            if (row[2] != null) {
                String permitted = "http://[" + row[2] + "]/hook";
                patch(id, Map.of("url", permitted)).statusCode(200).body("url", equalTo(permitted));
            }
        }
    }

    // --- One enabled subscription per channel, and moving endpoints

    private static ValidatableResponse create(String url, List<String> channels) {
        return admin().contentType(ContentType.JSON).body(Map.of("url", url, "channels", channels))
                .post("/api/v1/admin/webhook-subscriptions").then();
    }

    private static ValidatableResponse patch(long id, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body)
                .patch("/api/v1/admin/webhook-subscriptions/{id}", id).then();
    }

    /** A loopback URL nobody listens on: every call is "connection refused". */
    private static String deadUrl() {
        try (WebhookReceiver gone = new WebhookReceiver()) {
            return gone.url();
        }
    }

    @Test
    void atMostOneEnabledSubscriptionCoversAChannel() {
        long alipay = subscribe().getLong("id");
        create(receiver.url(), List.of("WECHAT", "ALIPAY")).statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(BASE + "channel-already-subscribed"))
                .body("subscriptionId", equalTo((int) alipay)).body("channels", equalTo(List.of("ALIPAY")));
        long wechat = create(receiver.url(), List.of("WECHAT")).statusCode(201).extract().jsonPath().getLong("id");
        patch(wechat, Map.of("channels", List.of("WECHAT", "ALIPAY"))).statusCode(409)
                .body("type", equalTo(BASE + "channel-already-subscribed")).body("subscriptionId", equalTo((int) alipay));
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", alipay).then().statusCode(200);
        patch(wechat, Map.of("channels", List.of("WECHAT", "ALIPAY"))).statusCode(200)
                .body("channels", equalTo(List.of("ALIPAY", "WECHAT"))).body("secret", nullValue());
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/enable", alipay).then().statusCode(409)
                .body("type", equalTo(BASE + "channel-already-subscribed")).body("subscriptionId", equalTo((int) wechat));
        patch(wechat, Map.of("channels", List.of("WECHAT"))).statusCode(200);
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/enable", alipay).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue());
        // The target rules of creation hold for a changed URL as well.
        patch(wechat, Map.of("url", "http://169.254.169.254/")).statusCode(400).body("errors[0].field", equalTo("url"));
        patch(wechat, Map.of()).statusCode(400).body("type", equalTo(BASE + "validation-failed"));
        patch(wechat, Map.of("channels", List.of())).statusCode(400).body("errors[0].field", equalTo("channels"));
    }

    @Test
    void aPaymentSystemThatMovesItsEndpointGetsItsPendingRefundsThereAtOnce() {
        JsonPath sub = create(deadUrl(), List.of("ALIPAY")).statusCode(201).extract().jsonPath();
        long id = sub.getLong("id");
        SwitchFixture f = declined(1);
        drain();
        clock.advance(Duration.ofSeconds(13)); // past the tests' first wait (10 s ± 20 %)
        drain(); // two attempts refused: back-pressure, the next 10 s away
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", id).then()
                .body("items[0].attemptLog.error", equalTo(List.of("connection refused", "connection refused")))
                .body("items[0].attempts", equalTo(0)).body("items[0].status", equalTo("PENDING"));
        patch(id, Map.of("url", receiver.url())).statusCode(200)
                .body("url", equalTo(receiver.url())).body("channels", equalTo(List.of("ALIPAY")))
                .body("enabled", equalTo(true)).body("secret", nullValue());
        drain();
        assertEquals(1, receiver.received().size(), "due at once, to the new URL");
        Received r = receiver.received().get(0);
        assertTrue(StandardWebhooksTest.IndependentVerifier.verify(sub.getString("secret"), r.signature(), r.id(),
                Long.parseLong(r.timestamp()), r.body()), "signed with the secret it had");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
        admin().get("/api/v1/admin/audit-events?subject=webhook-subscription:" + id + "&action=webhook.subscription-updated")
                .then().body("total", equalTo(1)).body("items[0].after.url", equalTo(receiver.url()));
    }

    @Test
    void aSubscriptionThatTakesOverAChannelGetsItsPendingRefundsAtOnce() {
        long dead = create(deadUrl(), List.of("ALIPAY")).statusCode(201).extract().jsonPath().getLong("id");
        declined(1);
        drain();
        clock.advance(Duration.ofSeconds(13)); // past the tests' first wait (10 s ± 20 %)
        drain();
        admin().post("/api/v1/admin/webhook-subscriptions/{id}/disable", dead).then().statusCode(200);
        long live = subscribe().getLong("id");
        drain();
        assertEquals(1, receiver.received().size(), "due at once, to the subscription covering the channel now");
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", live).then()
                .body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].attemptLog.subscriptionId", equalTo(List.of((int) dead, (int) dead, (int) live)));
    }

    @Test
    void migrationV6KeepsTheNewestSubscriptionPerChannelOfADatabaseFromBeforeTheRule() throws Exception {
        // As a database from before the rule: three enabled subscriptions, overlapping.
        long[] ids = new long[3];
        String[] channels = {"{ALIPAY}", "{ALIPAY,WECHAT}", "{WECHAT}"};
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into webhook_subscription (url, channels, secret, enabled, created_at, updated_at)
                values (?, ?::varchar[], 'whsec_test', true, ?, ?) returning id""")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, receiver.url());
                ps.setString(2, channels[i]);
                java.sql.Timestamp at = java.sql.Timestamp.from(Instant.parse("2023-01-01T00:00:00Z").plusSeconds(i));
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
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(v7);
        }
        // The newest (WECHAT) stays; the middle one overlaps it and is disabled; the oldest then
        // alone covers ALIPAY and stays, so that no channel loses its receiver.
        admin().get("/api/v1/admin/webhook-subscriptions?size=500").then()
                .body("items.find { it.id == " + ids[0] + " }.enabled", equalTo(true))
                .body("items.find { it.id == " + ids[1] + " }.enabled", equalTo(false))
                .body("items.find { it.id == " + ids[1] + " }.disabledReason", equalTo("a newer subscription covers its channels"))
                .body("items.find { it.id == " + ids[2] + " }.enabled", equalTo(true));
        admin().get("/api/v1/admin/audit-events?subject=webhook-subscription:" + ids[1]).then()
                .body("total", equalTo(1)).body("items[0].actor", equalTo("system"))
                .body("items[0].action", equalTo("webhook.subscription-disabled"));
        create(receiver.url(), List.of("ALIPAY")).statusCode(409).body("subscriptionId", equalTo((int) ids[0]));
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
