package cn.gov.exam.change.notification;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Concurrently;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Quiet hours and deadline reminders with the clock moved; exactly once under two instances. */
@QuarkusTest
class NotificationTimingTest extends NotificationTestBase {
    @Inject
    DeadlineReminderJob reminders;

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    @Test
    void aMessageMadeInQuietHoursWaitsUntilEightEvenWhenTheGatewayChanges() throws Exception {
        clock.set(at("2023-01-14T23:30:00"));
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        long id = registerGateway().getLong("id");
        drain();
        assertEquals(List.of(), sms(x.code, "POSITION_CANCELLED"), "held in quiet hours");
        admin().queryParam("idNumber", x.paid)
                .get("/api/v1/admin/exams/{exam}/notifications", x.code)
                .then()
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].nextAttemptAt", equalTo("2023-01-15T00:00:00Z"));
        // A change of gateway makes pending messages due at once, but not before their quiet hours end.
        admin().post("/api/v1/admin/notification-gateways/{id}/disable", id);
        admin().post("/api/v1/admin/notification-gateways/{id}/enable", id)
                .then()
                .statusCode(200);
        clock.set(at("2023-01-15T07:59:59"));
        drain();
        assertEquals(List.of(), sms(x.code, "POSITION_CANCELLED"));
        clock.set(at("2023-01-15T08:00:00"));
        drain();
        assertEquals(2, sms(x.code, "POSITION_CANCELLED").size());
    }

    @Test
    void remindersGoAtTheirOffsetsOnlyToThoseWhoHaveNotActedAndOnlyOnce() throws Exception {
        registerGateway();
        NotifiedExam x = new NotifiedExam(1, 2, null).publish(); // published 01-15 10:00
        Api.switchTo(x.code, x.others.get(0), "T-OK");
        as(Api.applicantToken(x.code, x.others.get(1)))
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201);

        // The job sees every exam of the test database; these counts are this exam's.
        clock.set(at("2023-01-15T11:59:59"));
        reminders.run();
        assertEquals(List.of(), occurrences(x.code), "24 h before the deadline is 01-15 12:00");
        clock.set(at("2023-01-15T12:00:00"));
        // Two instances run the job at once: the notification_once key makes each reminder once.
        Concurrently.run(2, i -> reminders.run());
        reminders.run();
        assertEquals(
                List.of("PT24H", "PT24H", "PT24H", "PT24H"),
                occurrences(x.code),
                "paid, waived, landline, none; not the switched nor the declined");
        drain();
        List<String> reminded = sms(x.code, "DEADLINE_REMINDER").stream()
                .map(d -> d.getString("mobile"))
                .sorted()
                .toList();
        assertEquals(List.of(x.paidMobile, x.waivedMobile).stream().sorted().toList(), reminded);
        String text = sms(x.code, "DEADLINE_REMINDER").get(0).getString("text");
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("1月16日12:00截止"), text);

        clock.set(at("2023-01-16T10:00:00"));
        reminders.run();
        assertEquals(4, occurrences(x.code).stream().filter("PT2H"::equals).count(), "the 2 h reminder");
        clock.set(at("2023-01-16T12:00:00"));
        reminders.run();
        assertEquals(8, occurrences(x.code).size(), "none after the deadline");
        as(Api.applicantToken(x.code, x.none))
                .get("/api/v1/me/notifications")
                .then()
                .body("items.kind", contains("DEADLINE_REMINDER", "DEADLINE_REMINDER", "POSITION_CANCELLED"));
    }

    @Test
    void aReminderWhoseTimeHadPassedWhenTheWindowOpenedIsNotSent() throws Exception {
        clock.set(at("2023-01-15T13:00:00")); // published after the 24 h mark (01-15 12:00)
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        clock.set(at("2023-01-15T14:00:00"));
        reminders.run();
        assertEquals(List.of(), occurrences(x.code));
        clock.set(at("2023-01-16T10:00:00"));
        reminders.run();
        assertEquals(List.of("PT2H", "PT2H", "PT2H", "PT2H"), occurrences(x.code));
    }

    private List<String> occurrences(String exam) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select n.occurrence from notification n join exam e on e.id = n.exam_id"
                        + " where e.code = ? and n.kind = 'DEADLINE_REMINDER' order by n.occurrence desc, n.id")) {
            ps.setString(1, exam);
            try (var rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    @Test
    void twoDispatchersSendEachMessageOnce() throws Exception {
        registerGateway();
        NotifiedExam x = new NotifiedExam(1, 40, null).publish();
        // Small rounds of a slow gateway (as WebhookClaimsTest): each finds work the other has not claimed.
        gateway.otherwise(new cn.gov.exam.change.support.WebhookReceiver.Answer(200, 30, java.util.Map.of()));
        Concurrently.run(2, i -> {
            while (dispatcher.dispatchOnce("dispatcher-test-" + i, 3) > 0) {
                // until nothing is due
            }
            return null;
        });
        List<Long> ids = sms(x.code, "POSITION_CANCELLED").stream()
                .map(d -> d.getLong("notificationId"))
                .toList();
        assertEquals(42, ids.size());
        assertEquals(42, Set.copyOf(ids).size());
        assertEquals(
                42,
                gateway.received().stream()
                        .map(r -> r.id())
                        .collect(Collectors.toSet())
                        .size());
    }
}
