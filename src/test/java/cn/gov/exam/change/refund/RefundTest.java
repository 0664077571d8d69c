package cn.gov.exam.change.refund;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 5: who is refunded, why, and exactly once. */
@QuarkusTest
class RefundTest {
    private static final Instant DURING = SwitchFixture.DURING;
    private static final Instant AFTER_DEADLINE =
            OffsetDateTime.parse("2023-01-16T12:00:01+08:00").toInstant();

    @Inject
    TestClock clock;

    @Inject
    RefundDeadlineJob deadlineJob;

    @BeforeEach
    void duringTheWindow() {
        clock.set(DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theDeadlineQueuesEachOwedRefundExactlyOnce() {
        SwitchFixture f = new SwitchFixture(1, 3);
        int pending = f.switchTo(f.others.get(0), "T-OK");
        int rejected = f.switchTo(f.others.get(1), "T-OK");
        int approved = f.switchTo(f.others.get(2), "T-OK");
        Api.decide(admin(), approved, "APPROVED", "test").statusCode(200);
        // Rejected with no switch left: owed at once, in the rejecting transaction.
        Api.decide(admin(), rejected, "REJECTED", "test").statusCode(200);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .body("items.reason", equalTo(List.of("REVIEW_REJECTED")));

        // Nothing before the deadline; then two instances run the job at once, and again later.
        deadlineJob.run();
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("total", equalTo(1));
        clock.set(AFTER_DEADLINE);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(deadlineJob::run);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(deadlineJob::run);
        a.join();
        b.join();
        deadlineJob.run();

        // Owed: the paid applicant who did not switch, and C2's paid applicant. Not owed: the
        // waived and the unpaid ones, the pending and the approved switches.
        admin().get("/api/v1/admin/exams/{exam}/refunds?status=QUEUED", f.exam)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.reason", containsInAnyOrder("REVIEW_REJECTED", "NOT_SWITCHED", "NOT_SWITCHED"))
                .body("items.amount", everyItem(equalTo("100.00")))
                .body("items.currency", everyItem(equalTo("CNY")))
                .body("items.channel", everyItem(equalTo("ALIPAY")))
                .body("items.originalTransactionId", everyItem(startsWith("T")))
                .body("items.idNumberMasked", everyItem(org.hamcrest.Matchers.containsString("********")));
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .body("refund.status", equalTo("QUEUED"))
                .body("refund.reason", equalTo("NOT_SWITCHED"))
                .body("refund.amount", equalTo("100.00"));
        as(Api.applicantToken(f.exam, f.waived)).get("/api/v1/me").then().body("refund", equalTo(null));

        // The switch pending at the deadline waited for its review: rejected now, it is owed.
        Api.decide(admin(), pending, "REJECTED", "test").statusCode(200);
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("total", equalTo(4));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam)
                .then()
                .body("refunds.QUEUED", equalTo(4))
                .body("refunds.SENT", equalTo(0));
        admin().get("/api/v1/admin/audit-events?action=refunds.decided-at-deadline&subject=exam:" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.queued", equalTo(2));

        // Moving the deadline later once refunds are decided does not reopen switching.
        Map<String, Object> later = Api.exam(f.exam, 3, true);
        later.put("switchDeadline", "2023-01-20T12:00:00+08:00");
        later.put("reviewDeadline", "2023-01-21T12:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(later)
                .put("/api/v1/admin/exams/{exam}", f.exam)
                .then()
                .statusCode(200);
        as(Api.applicantToken(f.exam, f.waived))
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "switch-window-closed"));
    }

    @Test
    void anApplicantMayDeclineToSwitchOnce() {
        SwitchFixture f = new SwitchFixture(1, 1);
        String token = Api.applicantToken(f.exam, f.paid);
        as(token)
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201)
                .body("reason", equalTo("DECLINED"))
                .body("status", equalTo("QUEUED"))
                .body("amount", equalTo("100.00"));
        as(token)
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        as(token).get("/api/v1/me").then().body("refund.reason", equalTo("DECLINED"));
        // Refunded applicants no longer switch.
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "no-switches-left"));

        as(Api.applicantToken(f.exam, f.waived))
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        String switched = Api.applicantToken(f.exam, f.others.get(0));
        f.switchTo(f.others.get(0), "T-OK");
        as(switched)
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "refund-not-allowed"));
        admin().get("/api/v1/admin/audit-events?action=refund.queued&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void onceRefundsAreDecidedAMovedDeadlineReopensNothingAndThePhaseSaysSo() {
        SwitchFixture f = new SwitchFixture(1, 1);
        clock.set(AFTER_DEADLINE);
        deadlineJob.run();
        // The deadline moves two days later after the refunds were decided.
        Map<String, Object> exam = Api.exam(f.exam, 3, true);
        exam.put("switchDeadline", "2023-01-18T12:00:00+08:00");
        exam.put("reviewDeadline", "2023-01-19T12:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(exam)
                .put("/api/v1/admin/exams/{code}", f.exam)
                .then()
                .statusCode(200);
        clock.set(OffsetDateTime.parse("2023-01-17T10:00:00+08:00").toInstant());
        io.restassured.RestAssured.given()
                .get("/api/v1/exams/{code}", f.exam)
                .then()
                .statusCode(200)
                .body("phase", equalTo("REVIEWING"));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("phase", equalTo("REVIEWING"));
        String token = Api.applicantToken(f.exam, f.waived);
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-OK"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(409)
                .body("type", equalTo(BASE + "switch-window-closed"));
    }
}
