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
        // 10:00 in Shanghai after the latest of them (and now): inside the demo's window, out of quiet hours.
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        java.time.ZonedDateTime from = Instant.ofEpochSecond(
                        Math.max(latest, Instant.now().getEpochSecond()))
                .atZone(shanghai);
        java.time.ZonedDateTime ten = from.toLocalDate().atTime(10, 0).atZone(shanghai);
        clock.set((ten.isAfter(from) ? ten : ten.plusDays(1)).toInstant());
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

        // The later kinds as the applicant acts: one who has not acted yet declines (REFUND_QUEUED).
        String idNumber = text(
                "select a.id_number " + AFFECTED + " and a.phone ~ '^1[0-9]{10}$' and r.fee_status = 'PAID'"
                        + " and not exists (select 1 from position_switch s where s.registration_id = r.id)"
                        + " and not exists (select 1 from refund f where f.registration_id = r.id)"
                        // not one of the demo applicants other tests sign in as
                        + " and a.id_number not in ('140802198601011447', '140802198601011448', '140802198602301447')"
                        + " order by r.id desc limit 1",
                demo);
        String token = io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of(
                        "examCode",
                        demo,
                        "idNumber",
                        idNumber,
                        "password",
                        cn.gov.exam.change.demo.DemoDataGenerator.DEMO_PASSWORD))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        cn.gov.exam.change.support.Api.as(token)
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201);
        drain();
        var queued = sms(demo, "REFUND_QUEUED");
        assertEquals(1, queued.size());
        assertEquals(
                text(
                        "select a.phone from applicant a join exam e on e.id = a.exam_id where e.code = ? and a.id_number = ?",
                        demo,
                        idNumber),
                queued.get(0).getString("mobile"));
    }

    private String text(String query, Object... args) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
