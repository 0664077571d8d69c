package cn.gov.exam.change.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.demo.DemoDataLoader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo exam, published at start: its gateway gets one cancellation per affected applicant with a mobile. */
@QuarkusTest
class DemoNotificationTest extends NotificationTestBase {
    private static final String AFFECTED = """
            from registration r join position p on p.id = r.position_id join applicant a on a.id = r.applicant_id
            join exam e on e.id = r.exam_id
            where e.code = ? and p.status = 'CANCELLED' and r.fee_status in ('PAID', 'WAIVED')""";

    @Test
    void theGatewayGetsOnePositionCancelledPerAffectedDemoApplicantWithAMobile() throws Exception {
        String demo = DemoDataLoader.EXAM_CODE;
        long withMobile = number("select count(*) " + AFFECTED + " and a.phone ~ '^1[0-9]{10}$'", demo);
        long without =
                number("select count(*) " + AFFECTED + " and (a.phone is null or a.phone !~ '^1[0-9]{10}$')", demo);
        assertTrue(withMobile > 20 && without > 0, withMobile + " with a mobile, " + without + " without");
        assertEquals(
                withMobile + without,
                number(
                        "select count(*) from notification n join exam e on e.id = n.exam_id"
                                + " where e.code = ? and n.kind = 'POSITION_CANCELLED'",
                        demo));
        // The set-up of every outbox test (this one's too) sets pending messages aside: these go back
        // to the queue, due when their quiet hours (if the tests started at night) end.
        sql("""
                update webhook_delivery d set status = 'PENDING', attempts = 0, next_attempt_at = d.not_before
                from notification n join exam e on e.id = n.exam_id
                where d.notification_id = n.id and e.code = ? and n.kind = 'POSITION_CANCELLED'""", demo);
        long latest = number("""
                select coalesce(extract(epoch from max(d.not_before))::bigint, 0) from webhook_delivery d
                join notification n on n.id = d.notification_id join exam e on e.id = n.exam_id where e.code = ?""", demo);
        clock.set(Instant.ofEpochSecond(Math.max(latest + 1, Instant.now().getEpochSecond())));
        registerGateway();
        drain();

        var received = sms(demo, "POSITION_CANCELLED");
        assertEquals(withMobile, received.size());
        assertEquals(
                withMobile,
                received.stream()
                        .map(d -> d.getLong("notificationId"))
                        .collect(Collectors.toSet())
                        .size());
        Set<String> mobiles = received.stream().map(d -> d.getString("mobile")).collect(Collectors.toSet());
        assertTrue(mobiles.stream().allMatch(m -> m.matches("1[0-9]{10}")));
        assertTrue(received.get(0).getString("text").startsWith("【山西省人事考试中心】"));
        assertTrue(received.get(0).getString("text").contains("0351-1234567"));
    }
}
