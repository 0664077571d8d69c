package cn.gov.exam.change.notification;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookSigner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each kind of notification, from the step that causes it to the gateway and the status page. */
@QuarkusTest
class NotificationKindsTest extends NotificationTestBase {
    @Inject
    Notifier notifier;

    @Test
    void publicationTellsEveryConfirmedApplicantOfACancelledPositionOnceAndSendsSmsToMobilesOnly() throws Exception {
        JsonPath g = registerGateway();
        NotifiedExam x = new NotifiedExam(1, 0, "山西省人事考试中心").publish();
        drain();

        List<JsonPath> sent = sms(x.code, "POSITION_CANCELLED");
        assertEquals(2, sent.size(), "the paid and the waived applicant with a mobile; not the landline, none, unpaid");
        assertEquals(
                Set.of(x.paidMobile, x.waivedMobile),
                sent.stream().map(d -> d.getString("mobile")).collect(Collectors.toSet()));
        for (JsonPath d : sent) {
            String text = d.getString("text");
            assertTrue(text.startsWith("【山西省人事考试中心】"), text);
            assertTrue(text.contains("C1") && text.contains("1月16日12:00") && text.contains("0351-7654321"), text);
            assertTrue(text.length() <= 140, text);
        }
        // Standard Webhooks: signed with the gateway's secret, typed notification.requested.
        WebhookReceiver.Received first = gateway.received().get(0);
        assertTrue(WebhookSigner.verify(
                List.of(g.getString("secret")),
                first.signature(),
                first.id(),
                Long.parseLong(first.timestamp()),
                first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("notification.requested", JsonPath.from(first.body()).getString("type"));

        // The status page shows the same text, also to those who get no SMS.
        for (String id : List.of(x.paid, x.none, x.landline)) {
            as(Api.applicantToken(x.code, id))
                    .get("/api/v1/me/notifications")
                    .then()
                    .statusCode(200)
                    .body("items.kind", contains("POSITION_CANCELLED"))
                    .body("items[0].text", equalTo(sent.get(0).getString("text")));
        }
        assertEquals(
                0,
                number(
                        "select count(*) from notification n join applicant a on a.id = n.applicant_id"
                                + " join exam e on e.id = n.exam_id where e.code = ? and a.id_number = ?",
                        x.code,
                        x.unpaid),
                "an unpaid registration is not confirmed: nothing to tell");

        // Counts for staff: 2 delivered, 2 without a mobile; 4 affected of whom 2 have no mobile.
        admin().get("/api/v1/admin/exams/{exam}/notifications/summary", x.code)
                .then()
                .statusCode(200)
                .body("affectedApplicants", equalTo(4))
                .body("affectedWithoutMobile", equalTo(2))
                .body("counts.findAll { it.kind == 'POSITION_CANCELLED' }.status", contains("DELIVERED", "NO_MOBILE"))
                .body("counts.findAll { it.kind == 'POSITION_CANCELLED' }.count", contains(2, 2));

        // Again, whatever the retry: the database makes it once per applicant, kind and occurrence.
        long examId = number("select id from exam where code = ?", x.code);
        Notifier.Made again = QuarkusTransaction.requiringNew().call(() -> notifier.positionCancelled(examId));
        assertEquals(new Notifier.Made(0, 0), again);
        assertEquals(
                4,
                number("select count(*) from notification n join exam e on e.id = n.exam_id where e.code = ?", x.code));
    }

    @Test
    void aSwitchItsReviewsAndARefundAreEachToldAsTheyHappen() throws Exception {
        registerGateway();
        NotifiedExam x = new NotifiedExam(2, 1, null).publish();
        int first = Api.switchTo(x.code, x.paid, "T-OK");
        // The reviewer sees the applicant's phone masked, as staff see it everywhere.
        Api.decide(admin(), first, "REJECTED", "学历不符合职位要求")
                .statusCode(200)
                .body("applicant.phone", equalTo(x.paidMobile.substring(0, 3) + "****" + x.paidMobile.substring(7)));
        int second = Api.switchTo(x.code, x.paid, "K1");
        Api.decide(admin(), second, "APPROVED", null).statusCode(200);
        drain();

        // Sent concurrently (a window of calls per gateway): in the order they were made, by id.
        List<String> kinds = sms().stream()
                .filter(d -> x.code.equals(d.getString("examCode")) && x.paidMobile.equals(d.getString("mobile")))
                .sorted(java.util.Comparator.comparingLong(d -> d.getLong("notificationId")))
                .map(d -> d.getString("kind"))
                .toList();
        assertEquals(
                List.of(
                        "POSITION_CANCELLED",
                        "SWITCH_RECEIVED",
                        "REVIEW_REJECTED",
                        "SWITCH_RECEIVED",
                        "REVIEW_APPROVED"),
                kinds);
        String rejected = sms(x.code, "REVIEW_REJECTED").get(0).getString("text");
        assertTrue(rejected.startsWith("【人事考试中心】"), "the configured default signature: " + rejected);
        assertTrue(rejected.contains("学历不符合职位要求") && rejected.contains("T-OK"), rejected);
        assertTrue(rejected.contains("1月16日12:00前再改报"), "a switch is left: " + rejected);
        assertTrue(sms(x.code, "REVIEW_APPROVED").get(0).getString("text").contains("K1"));

        // The applicant's page: newest first, the same texts.
        as(Api.applicantToken(x.code, x.paid))
                .get("/api/v1/me/notifications")
                .then()
                .body(
                        "items.kind",
                        contains(
                                "REVIEW_APPROVED",
                                "SWITCH_RECEIVED",
                                "REVIEW_REJECTED",
                                "SWITCH_RECEIVED",
                                "POSITION_CANCELLED"));
    }

    @Test
    void aRejectionThatLeavesNoSwitchSaysTheFeeIsRefunded() throws Exception {
        registerGateway();
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        int s = Api.switchTo(x.code, x.paid, "T-OK");
        Api.decide(admin(), s, "REJECTED", "专业不符").statusCode(200);
        drain();
        String text = sms(x.code, "REVIEW_REJECTED").get(0).getString("text");
        assertTrue(text.contains("专业不符") && text.contains("已无改报机会"), text);
        String queued = sms(x.code, "REFUND_QUEUED").get(0).getString("text");
        assertTrue(queued.contains("100.00元") && queued.contains("支付宝"), queued);
    }

    @Test
    void aCorrectedDecisionIsToldAsItsNewOutcome() throws Exception {
        registerGateway();
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        int s = Api.switchTo(x.code, x.paid, "T-OK");
        Api.decide(admin(), s, "APPROVED", null).statusCode(200);
        admin().contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECTED", "reason", "学历证书未通过核验", "correctionReason", "误批"))
                .post("/api/v1/admin/reviews/{id}/correction", s)
                .then()
                .statusCode(200);
        drain();
        List<String> kinds = sms().stream()
                .filter(d -> x.code.equals(d.getString("examCode")) && x.paidMobile.equals(d.getString("mobile")))
                .sorted(java.util.Comparator.comparingLong(d -> d.getLong("notificationId")))
                .map(d -> d.getString("kind"))
                .toList();
        assertEquals(
                List.of("POSITION_CANCELLED", "SWITCH_RECEIVED", "REVIEW_APPROVED", "REFUND_QUEUED", "REVIEW_REJECTED"),
                kinds,
                "the correction leaves no switch: the refund is queued in its transaction, then the rejection told");
        assertTrue(sms(x.code, "REVIEW_REJECTED").get(0).getString("text").contains("学历证书未通过核验"));
    }

    @Test
    void aDeclinedRefundIsToldWhenQueuedAndWhenSettled() throws Exception {
        registerGateway();
        WebhookReceiver payments = new WebhookReceiver();
        try {
            String secret = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", payments.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            NotifiedExam x = new NotifiedExam(1, 1, null).publish();
            String other = x.others.get(0);
            for (String id : List.of(x.paid, other)) {
                as(Api.applicantToken(x.code, id))
                        .post("/api/v1/me/refund-request")
                        .then()
                        .statusCode(201);
            }
            drain();
            assertEquals(2, sms(x.code, "REFUND_QUEUED").size());
            assertEquals(2, payments.received().size(), "the payment system's requests go their own way");
            List<Long> refundIds = payments.received().stream()
                    .map(r -> JsonPath.from(r.body()).getLong("data.refundId"))
                    .sorted()
                    .toList();
            confirm(secret, refundIds.get(0), "SUCCEEDED");
            confirm(secret, refundIds.get(1), "FAILED");
            drain();
            String ok = sms(x.code, "REFUND_SUCCEEDED").get(0).getString("text");
            assertTrue(ok.contains("100.00元") && ok.contains("已退还"), ok);
            String failed = sms(x.code, "REFUND_FAILED").get(0).getString("text");
            assertTrue(failed.contains("请致电0351-7654321"), "whom to call: " + failed);
        } finally {
            payments.close();
        }
    }

    private void confirm(String secret, long refundId, String status) {
        String body = "{\"refundId\": " + refundId + ", \"status\": \"" + status + "\""
                + ("FAILED".equals(status) ? ", \"failureReason\": \"账户已注销\"" : "") + "}";
        long ts = clock.now().getEpochSecond();
        String id = "cb-" + refundId;
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", WebhookSigner.sign(secret, id, ts, body))
                .body(body)
                .post("/api/v1/payment-callbacks/refunds")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    @Test
    void staffSeeAnApplicantsMessagesMaskedAndResendAFailedOne() throws Exception {
        registerGateway();
        gateway.answerWhenBodyContains("\"kind\" : \"POSITION_CANCELLED\"", WebhookReceiver.Answer.of(400));
        NotifiedExam x = new NotifiedExam(1, 0, null).publish();
        failForGood();
        String masked = x.paidMobile.substring(0, 3) + "****" + x.paidMobile.substring(7);
        int id = admin().queryParam("idNumber", x.paid)
                .get("/api/v1/admin/exams/{exam}/notifications", x.code)
                .then()
                .statusCode(200)
                .body("items.status", contains("FAILED"))
                .body("items[0].mobileMasked", equalTo(masked))
                .body("items[0].lastStatusCode", equalTo(400))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(x.paidMobile)))
                .extract()
                .path("items[0].id");
        admin().queryParam("status", "FAILED")
                .get("/api/v1/admin/exams/{exam}/notifications", x.code)
                .then()
                .body("total", equalTo(2));

        gateway.answerWhenBodyContains("\"kind\" : \"POSITION_CANCELLED\"", WebhookReceiver.Answer.of(200));
        admin().post("/api/v1/admin/notifications/{id}/resend", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"));
        drain();
        admin().queryParam("idNumber", x.paid)
                .get("/api/v1/admin/exams/{exam}/notifications", x.code)
                .then()
                .body("items[0].status", equalTo("DELIVERED"));
        // Only a failed SMS is resent.
        admin().post("/api/v1/admin/notifications/{id}/resend", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        admin().queryParam("action", "notification.resent")
                .get("/api/v1/admin/audit-events")
                .then()
                .body("items.action", hasItems("notification.resent"));
        // The full number is in no audit detail and nowhere in the service's log.
        assertEquals(
                0,
                number(
                        "select count(*) from audit_event where before_state::text like ? or after_state::text like ?",
                        "%" + x.paidMobile + "%",
                        "%" + x.paidMobile + "%"));
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus-test.log"));
        assertTrue(!log.contains(x.paidMobile), "the mobile number is in the log");
    }
}
