package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.WebhookReceiver.Answer;
import cn.gov.exam.change.support.WebhookReceiver.Received;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 6: claims and recorded outcomes: several dispatchers, a dispatcher that dies, refunds settled meanwhile. */
@QuarkusTest
class WebhookClaimsTest extends WebhookTestBase {
    @Test
    void aDispatcherThatDiesMidRoundLosesNothing() {
        subscribe();
        declined(2);
        // Dispatcher "A" claims both and dies before sending.
        List<DeliveryStore.Claim> claimed = QuarkusTransaction.requiringNew().call(() -> dispatcher.claim("A"));
        assertEquals(2, claimed.size());
        drain();
        assertEquals(0, receiver.received().size(), "claimed work is not taken while the lease holds");
        clock.advance(Duration.ofSeconds(61));
        drain();
        assertEquals(2, receiver.received().size());
        assertEquals(
                Set.of(claimed.get(0).messageId(), claimed.get(1).messageId()),
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*), count(distinct dispatcher) from webhook_attempt a join webhook_delivery d "
                                + "on d.id = a.delivery_id where d.message_id = any(?)")) {
            ps.setArray(
                    1, c.createArrayOf("varchar", got.stream().map(Received::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(30, rs.getInt(1));
                assertEquals(2, rs.getInt(2), "attempts by both dispatchers");
            }
        }
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

        callback(
                        secret,
                        "early-" + refundId,
                        "{\"refundId\": " + refundId + ", \"status\": \"SUCCEEDED\"}",
                        clock.now())
                .statusCode(204);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SUCCEEDED"));
        admin().get("/api/v1/admin/audit-events?subject=refund:" + refundId)
                .then()
                .body("items.action", equalTo(List.of("refund.succeeded", "refund.sent", "refund.queued")))
                .body("items[1].after.earlyConfirmation", equalTo(true))
                .body("items[0].before.status", equalTo("SENT"));
        long deliveryId = admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].status", equalTo("DELIVERED"))
                .extract()
                .jsonPath()
                .getLong("items[0].id");
        admin().get("/api/v1/admin/audit-events?subject=webhook-delivery:" + deliveryId)
                .then()
                .body("items.action", equalTo(List.of("webhook.delivery-settled")));

        clock.advance(Duration.ofMinutes(10)); // long past the retry
        drain();
        assertEquals(1, receiver.received().size(), "no refund.requested after the refund succeeded");
        admin().post("/api/v1/admin/webhook-deliveries/{id}/replay", deliveryId)
                .then()
                .statusCode(409)
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
}
