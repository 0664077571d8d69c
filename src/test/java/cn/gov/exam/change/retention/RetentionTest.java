package cn.gov.exam.change.retention;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.export.CsvDownload;
import cn.gov.exam.change.refund.RefundDeadlineJob;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookSigner;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 29, retention: an exam's applicants' personal data can be purged only once its refunds
 * are settled and app.retention.after-review-deadline (180 days) has passed; dry run, purge,
 * audit, and what stays (counts, decisions, the audit trail with masked subjects).
 */
@QuarkusTest
class RetentionTest {
    private static final String BASE = "https://position-change.example/problems/";
    private static final Instant AFTER_DEADLINE =
            OffsetDateTime.parse("2023-01-16T12:00:01+08:00").toInstant();
    private static final Instant REVIEW_DEADLINE =
            OffsetDateTime.parse("2023-01-17T12:00:00+08:00").toInstant();

    @Inject
    TestClock clock;

    @Inject
    RefundDeadlineJob deadlineJob;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anExamIsPurgedOnlyAfterItsRefundsAndItsPeriodThenKeepsCountsDecisionsAndAudit() throws Exception {
        clock.set(SwitchFixture.DURING);
        SwitchFixture f = new SwitchFixture(1, 2);
        // A decision that must survive, and sign-in counts kept under a full ID number.
        int review = f.switchTo(f.waived, "T-MAJOR");
        Api.decide(admin(), review, "REJECTED", "不符合专业要求").statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", f.exam, "idNumber", f.kept, "password", "wrong-password"))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(401);
        String reviewsBefore = reviewsCsv(f.exam).asString();
        assertTrue(reviewsBefore.contains("张三"), reviewsBefore);

        // Before the deadline: refunds not decided.
        dryRun(f.exam).then().statusCode(200).body("blocker", equalTo("REFUNDS_NOT_SETTLED"));
        purge(f.exam, 0).then().statusCode(409).body("type", equalTo(BASE + "refunds-not-settled"));

        // Decided but not confirmed by the payment system: still not settled.
        clock.set(AFTER_DEADLINE);
        deadlineJob.run();
        JsonPath queued = dryRun(f.exam).then().statusCode(200).extract().jsonPath();
        assertEquals("REFUNDS_NOT_SETTLED", queued.getString("blocker"));
        assertTrue(queued.getLong("unsettledRefunds") > 0, queued.prettify());
        settleRefunds(f.exam);

        // Settled, but the period (180 days after the review deadline) has not passed.
        clock.set(REVIEW_DEADLINE.plus(Duration.ofDays(179)));
        dryRun(f.exam)
                .then()
                .statusCode(200)
                .body("refundsSettled", equalTo(true))
                .body("blocker", equalTo("RETENTION_PERIOD_NOT_PASSED"))
                .body("purgeableFrom", equalTo("2023-07-16T04:00:00Z"));
        purge(f.exam, 0)
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "retention-period-not-passed"))
                .body("purgeableFrom", equalTo("2023-07-16T04:00:00Z"));

        // The period has passed: the dry run says what would go; nothing went.
        clock.set(REVIEW_DEADLINE.plus(Duration.ofDays(181)));
        JsonPath dry = dryRun(f.exam).then().statusCode(200).extract().jsonPath();
        assertEquals(null, dry.getString("blocker"));
        long applicants = dry.getLong("wouldPurge.applicants");
        assertTrue(applicants >= 17, dry.prettify());
        assertEquals(applicants, dry.getLong("wouldPurge.mobileNumbers"));
        // The failed sign-in's counts (per account and client, per account, per client).
        long signIns = dry.getLong("wouldPurge.signInRecords");
        assertTrue(signIns >= 1, dry.prettify());
        assertEquals(applicants, heldFullIdNumbers(f.exam));
        long auditBefore = auditCount(f.exam);
        long refundsBefore = refundCount(f.exam);

        // A purge must match the dry run the administrator read.
        purge(f.exam, applicants + 1)
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "purge-not-confirmed"))
                .body("applicants", equalTo((int) applicants));
        JsonPath purged =
                purge(f.exam, applicants).then().statusCode(200).extract().jsonPath();
        assertEquals(applicants, purged.getLong("purged.applicants"));
        assertEquals(signIns, purged.getLong("purged.signInRecords"));
        assertEquals("PERSONAL_DATA_PURGED", purged.getString("retention.blocker"));
        assertEquals("admin", purged.getString("retention.personalDataPurgedBy"));
        assertEquals(0, purged.getLong("retention.wouldPurge.applicants"));

        // Gone: full ID numbers, names, mobile numbers; a second purge is refused.
        assertEquals(0, heldFullIdNumbers(f.exam));
        assertEquals(
                0,
                count(
                        "select count(*) from applicant a join exam e on e.id = a.exam_id "
                                + "where e.code = ? and (a.phone is not null or a.name <> '（已清除）')",
                        f.exam));
        assertEquals(
                0,
                count(
                        "select count(*) from sign_in_throttle t join exam e on t.realm = 'applicant:' || e.id "
                                + "where e.code = ?",
                        f.exam));
        // The SMS of the exam (one a cancelled position's applicant with a mobile number) keep it masked.
        assertTrue(smsOf(f.exam) > 0);
        assertEquals(
                0,
                count(
                        "select count(*) from webhook_delivery where notification_id is not null"
                                + " and payload::jsonb #>> '{data,examCode}' = ?"
                                + " and payload::jsonb #>> '{data,mobile}' !~ '^1[0-9]{2}\\*{4}[0-9]{4}$'",
                        f.exam));
        purge(f.exam, 0).then().statusCode(409).body("type", equalTo(BASE + "personal-data-purged"));

        // Kept: the refunds, the decision, the audit trail (plus the purge's own event), masked.
        assertEquals(refundsBefore, refundCount(f.exam));
        admin().get("/api/v1/admin/exams/{exam}/reviews?size=100", f.exam)
                .then()
                .statusCode(200)
                .body("items.find { it.id == " + review + " }.status", equalTo("REJECTED"))
                .body("items.find { it.id == " + review + " }.reason", equalTo("不符合专业要求"))
                .body("items.find { it.id == " + review + " }.applicant.name", equalTo("（已清除）"));
        assertEquals(auditBefore + 1, auditCount(f.exam));
        JsonPath event = admin().get("/api/v1/admin/audit-events?action=exam.personal-data-purged&examCode=" + f.exam)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(applicants, event.getLong("items[0].after.applicants"));
        assertEquals("admin", event.getString("items[0].actor"));
        String audit = admin().accept("text/csv")
                .get("/api/v1/admin/audit-events?examCode=" + f.exam)
                .asString();
        for (String id : List.of(f.paid, f.waived, f.kept)) {
            assertFalse(audit.contains(id), "a full ID number in the audit trail");
        }

        // Exports of the purged exam say so, and hold no name.
        Response reviews = reviewsCsv(f.exam);
        assertEquals(purged.getString("retention.personalDataPurgedAt"), reviews.header(CsvDownload.PURGED_HEADER));
        assertFalse(reviews.asString().contains("张三"), reviews.asString());
        assertTrue(reviews.asString().contains("（已清除）"), reviews.asString());
        assertTrue(reviews.asString().contains(f.waived.substring(0, 6) + "********" + f.waived.substring(14)));
        Response refunds = admin().accept("text/csv").get("/api/v1/admin/exams/{exam}/refunds", f.exam);
        assertEquals(200, refunds.statusCode());
        assertEquals(purged.getString("retention.personalDataPurgedAt"), refunds.header(CsvDownload.PURGED_HEADER));
        // An exam not purged says nothing of the kind.
        SwitchFixture other = new SwitchFixture(1, 0);
        assertEquals(null, reviewsCsv(other.exam).header(CsvDownload.PURGED_HEADER));
        dryRun(other.exam).then().body("personalDataPurgedAt", nullValue());

        // A purged applicant cannot sign in any more (the full ID number and the hash are gone).
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", f.exam, "idNumber", f.paid, "password", Api.PASSWORD))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(401);
    }

    @Test
    void onlyAnAdministratorPurges() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String applicant = Api.applicantToken(f.exam, f.paid);
        as(applicant)
                .get("/api/v1/admin/exams/{exam}/personal-data", f.exam)
                .then()
                .statusCode(403);
        as(applicant)
                .contentType(ContentType.JSON)
                .body(Map.of("expectedApplicants", 0))
                .post("/api/v1/admin/exams/{exam}/personal-data/purge", f.exam)
                .then()
                .statusCode(403);
        admin().contentType(ContentType.JSON)
                .body(Map.of())
                .post("/api/v1/admin/exams/{exam}/personal-data/purge", f.exam)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("expectedApplicants"));
        admin().get("/api/v1/admin/exams/{exam}/personal-data", "NO-SUCH-EXAM")
                .then()
                .statusCode(404);
    }

    private static Response dryRun(String exam) {
        return admin().get("/api/v1/admin/exams/{exam}/personal-data", exam);
    }

    private static Response purge(String exam, long expected) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("expectedApplicants", expected))
                .post("/api/v1/admin/exams/{exam}/personal-data/purge", exam);
    }

    private static Response reviewsCsv(String exam) {
        return admin().accept("text/csv").get("/api/v1/admin/exams/{exam}/reviews", exam);
    }

    /** The payment system confirms every refund of the exam (signed callbacks). */
    private void settleRefunds(String exam) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            sql("update webhook_subscription set enabled = false");
            String secret = admin().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            List<Integer> ids = admin().get("/api/v1/admin/exams/{exam}/refunds?size=100", exam)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.id");
            assertFalse(ids.isEmpty());
            for (int id : ids) {
                String body =
                        "{\"refundId\": " + id + ", \"status\": \"SUCCEEDED\", \"channelRefundId\": \"R" + id + "\"}";
                String webhookId = "retention-" + id;
                long ts = clock.now().getEpochSecond();
                given().contentType(ContentType.JSON)
                        .header("webhook-id", webhookId)
                        .header("webhook-timestamp", ts)
                        .header("webhook-signature", WebhookSigner.sign(secret, webhookId, ts, body))
                        .body(body)
                        .post("/api/v1/payment-callbacks/refunds")
                        .then()
                        .statusCode(204);
            }
        }
    }

    private long smsOf(String exam) throws Exception {
        return count(
                "select count(*) from webhook_delivery where notification_id is not null"
                        + " and payload::jsonb #>> '{data,examCode}' = ?",
                exam);
    }

    private long heldFullIdNumbers(String exam) throws Exception {
        return count(
                "select count(*) from applicant a join exam e on e.id = a.exam_id where e.code = ? "
                        + "and a.id_number ~ '^[0-9]{17}[0-9X]$'",
                exam);
    }

    private static long auditCount(String exam) {
        return admin().get("/api/v1/admin/audit-events?examCode=" + exam + "&size=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    private static long refundCount(String exam) {
        return admin().get("/api/v1/admin/exams/{exam}/refunds?size=1", exam)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    private long count(String sql, String exam) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, exam);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
