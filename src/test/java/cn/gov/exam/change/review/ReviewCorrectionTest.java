package cn.gov.exam.change.review;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.equalTo;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 23 point 6: an administrator corrects a decision before the deadline while nothing followed from it. */
@QuarkusTest
class ReviewCorrectionTest {
    @Inject
    TestClock clock;

    @BeforeEach
    void duringTheWindow() {
        clock.set(SwitchFixture.DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse correct(
            io.restassured.specification.RequestSpecification who, int id, String decision, String reason, String why) {
        Map<String, Object> body = new HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        body.put("correctionReason", why);
        return who.contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/reviews/{id}/correction", id)
                .then();
    }

    @Test
    void aStrayApprovalIsCorrectedToARejectionAndTheRefundFollows() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-OK");
        String a01 = ReviewTest.reviewer("A01");
        ReviewTest.decide(a01, id, "APPROVED", null).statusCode(200);

        // Reviewers may not correct; the correction needs its reason, and a rejection its own.
        correct(as(a01), id, "REJECTED", "学历不符合职位要求", "误按通过").statusCode(403);
        correct(admin(), id, "REJECTED", "学历不符合职位要求", null).statusCode(400);
        correct(admin(), id, "REJECTED", null, "误按通过").statusCode(400).body("errors[0].field", equalTo("reason"));
        correct(admin(), id, "APPROVED", null, "误按通过")
                .statusCode(409)
                .body("type", equalTo(BASE + "decision-not-correctable"));
        admin().get("/api/v1/admin/exams/{e}/refunds", f.exam).then().body("total", equalTo(0));

        correct(admin(), id, "REJECTED", "学历不符合职位要求", "审查人员误按通过")
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("学历不符合职位要求"))
                .body("reviewer", equalTo("admin"));
        // No switch left: the rejection owes the refund, in the same transaction.
        admin().get("/api/v1/admin/exams/{e}/refunds", f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].reason", equalTo("REVIEW_REJECTED"));
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .body("currentSwitch.status", equalTo("REJECTED"));
        admin().get("/api/v1/admin/audit-events?action=review.corrected&subject=switch:" + id)
                .then()
                .body("total", equalTo(1))
                .body("items[0].before.status", equalTo("APPROVED"))
                .body("items[0].after.status", equalTo("REJECTED"))
                .body("items[0].after.correctionReason", equalTo("审查人员误按通过"));

        // Something followed (a refund now exists): no further correction.
        correct(admin(), id, "APPROVED", null, "再次更正")
                .statusCode(409)
                .body("type", equalTo(BASE + "decision-not-correctable"));
    }

    @Test
    void aRejectionWithASwitchLeftIsCorrectedUntilTheApplicantSwitchesAgain() {
        SwitchFixture f = new SwitchFixture(2, 1);
        int first = f.switchTo(f.paid, "T-OK");
        int pending = f.switchTo(f.others.get(0), "T-OK");
        correct(admin(), pending, "APPROVED", null, "x")
                .statusCode(409)
                .body("type", equalTo(BASE + "decision-not-correctable"));
        String a01 = ReviewTest.reviewer("A01");
        ReviewTest.decide(a01, first, "REJECTED", "学历不符合职位要求").statusCode(200);
        correct(admin(), first, "APPROVED", null, "复核后符合条件").statusCode(200).body("status", equalTo("APPROVED"));
        correct(admin(), first, "REJECTED", "学历不符合职位要求", "复核").statusCode(200);
        // The applicant used the rejection to switch again: the decision has had its effect.
        f.switchTo(f.paid, "T-MAJOR");
        correct(admin(), first, "APPROVED", null, "复核")
                .statusCode(409)
                .body("type", equalTo(BASE + "decision-not-correctable"));
    }

    @Test
    void noCorrectionAfterTheReviewDeadline() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-OK");
        ReviewTest.decide(ReviewTest.reviewer("A01"), id, "APPROVED", null).statusCode(200);
        clock.set(OffsetDateTime.parse("2023-01-17T12:00:00+08:00").toInstant());
        correct(admin(), id, "REJECTED", "学历不符合职位要求", "误按通过")
                .statusCode(409)
                .body("type", equalTo(BASE + "review-deadline-passed"));
        admin().get("/api/v1/admin/exams/{e}/refunds", f.exam).then().body("total", equalTo(0));
        correct(admin(), 999_999_999, "REJECTED", "r", "w").statusCode(404);
    }
}
