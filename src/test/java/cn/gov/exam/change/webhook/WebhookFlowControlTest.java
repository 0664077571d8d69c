package cn.gov.exam.change.webhook;

import static cn.gov.exam.change.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Eventually;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.WebhookReceiver.Answer;
import cn.gov.exam.change.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 6: the dispatcher respects each payment system's limits (window, Retry-After) and wakes up on commit. */
@QuarkusTest
class WebhookFlowControlTest extends WebhookTestBase {
    @Inject
    DispatchLoop loop;

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
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries?status=DELIVERED", sub.getLong("id"))
                .then()
                .body("total", equalTo(12));
    }

    @Test
    void aBusyPeerIsWaitedForWithoutUsingUpTheRetrySchedule() {
        JsonPath sub = subscribe();
        // Four calls answered "busy": the tests' schedule (10 s, 20 s, 40 s) fails a message after
        // four failures, and would not have allowed the next call yet.
        receiver.answer(
                new Answer(503, 0, Map.of("Retry-After", "5")),
                new Answer(429, 0, Map.of("Retry-After", "5")),
                Answer.of(503),
                new Answer(429, 0, Map.of("Retry-After", "5")));
        SwitchFixture f = declined(1);
        drain();
        clock.advance(Duration.ofSeconds(4));
        drain();
        assertEquals(1, receiver.received().size(), "Retry-After is honoured");
        // Busy for 10 s and more, the peer's messages wait 10 s (the first step) or its Retry-After.
        for (int seconds : new int[] {1, 5, 10, 10}) {
            clock.advance(Duration.ofSeconds(seconds));
            drain();
        }
        assertEquals(5, receiver.received().size());
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].status", equalTo("DELIVERED"))
                // five attempts in the log, one step of the retry schedule used (busy answers use none)
                .body("items[0].attempts", equalTo(5))
                .body("items[0].retryStep", equalTo(1))
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
                try (Connection c = dataSource.getConnection();
                        var st = c.createStatement();
                        ResultSet rs =
                                st.executeQuery("select d.status, d.attempts_total, d.next_attempt_at, d.claimed_by, "
                                        + "d.channel from webhook_delivery d join refund f on f.id = d.refund_id join exam e on "
                                        + "e.id = f.exam_id where e.code = '" + f.exam + "'")) {
                    StringBuilder out = new StringBuilder("clock " + clock.now() + " notified "
                            + loop.wokenByNotification() + " polled " + loop.wokenByPoll() + " received "
                            + receiver.received().size() + "; ");
                    while (rs.next()) {
                        out.append(rs.getString(1))
                                .append(' ')
                                .append(rs.getInt(2))
                                .append(' ')
                                .append(rs.getTimestamp(3).toInstant())
                                .append(' ')
                                .append(rs.getString(4))
                                .append(' ')
                                .append(rs.getString(5))
                                .append("; ");
                    }
                    return out.toString();
                } catch (Exception e) {
                    return e.toString();
                }
            };
            await(
                    () -> "SENT"
                            .equals(admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                                    .then()
                                    .extract()
                                    .path("items[0].status")),
                    "the refund is delivered and recorded");
            assertEquals(2, receiver.received().size());
            assertEquals(0, loop.wokenByPoll(), "delivered on the notification: the hour-long poll never ran");
            assertTrue(loop.wokenByNotification() >= 1);
            admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].status", equalTo("SENT"));
            admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                    .then()
                    .body("items[0].attemptLog[0].dispatcher", equalTo(WebhookDispatcher.INSTANCE));
        } finally {
            loop.stop();
        }
    }

    private static java.util.function.Supplier<String> diagnose = () -> "";

    /** Waits for something the service does on its own threads (not a timing: 60 s only bounds a failure). */
    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Eventually.await(
                Duration.ofSeconds(60), condition, () -> what + "\n" + diagnose.get() + "\n" + webhookThreads());
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

    // --- Retry-After, and outcomes recorded one by one

    @Test
    void aHugeRetryAfterIsClampedAndSpoilsNoOtherOutcome() {
        JsonPath sub = subscribe();
        SwitchFixture f = declined(2);
        List<Long> refunds = admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);
        // The first claimed (and first recorded) answers an absurd Retry-After; the other succeeds.
        receiver.answerWhenBodyContains(
                "\"refundId\":" + refunds.get(0) + ",",
                new Answer(429, 0, Map.of("Retry-After", "9223372036854775807")));
        Instant start = clock.now();
        drain();
        JsonPath deliveries = admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .extract()
                .jsonPath();
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
        assertEquals(
                1,
                got.stream()
                        .filter(r -> r.body().contains("\"refundId\":" + refunds.get(1) + ","))
                        .count(),
                "the delivered message is not sent again");
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .body("items.status", equalTo(List.of("QUEUED", "SENT"))); // the first still answers 429
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        JsonPath sub = subscribe();
        Instant start = clock.now();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                start.plusSeconds(30).atOffset(java.time.ZoneOffset.UTC));
        receiver.answer(new Answer(503, 0, Map.of("Retry-After", date)));
        declined(1);
        drain();
        admin().get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", sub.getLong("id"))
                .then()
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].nextAttemptAt", equalTo(start.plusSeconds(30).toString()));
    }
}
