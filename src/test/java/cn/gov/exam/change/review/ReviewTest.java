package cn.gov.exam.change.review;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Concurrently;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 4: the recruiting agency reviews each switch into its positions. */
@QuarkusTest
class ReviewTest {
    private static final Instant DURING = SwitchFixture.DURING;
    private static final Instant REVIEW_DEADLINE =
            OffsetDateTime.parse("2023-01-17T12:00:00+08:00").toInstant();

    @Inject
    TestClock clock;

    @BeforeEach
    void duringTheWindow() {
        clock.set(DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A reviewer of one agency, created through the API. */
    static String reviewer(String agency) {
        String name = "rev-" + agency.toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "Review#2023!x", "role", "REVIEWER", "agencyCode", agency))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        return Api.staffToken(name, "Review#2023!x");
    }

    static ValidatableResponse decide(String token, int id, String decision, String reason) {
        return Api.decide(as(token), id, decision, reason);
    }

    @Test
    void reviewersSeeAndDecideOnlyTheirOwnAgency() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int intoA01 = f.switchTo(f.paid, "T-OK");
        int intoA07 = f.switchTo(f.waived, "T-MAJOR");
        String a01 = reviewer("A01");
        String a07 = reviewer("A07");

        as(a01).get("/api/v1/admin/exams/{exam}/reviews?status=PENDING", f.exam)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(intoA01))
                .body("items[0].targetPositionCode", equalTo("T-OK"))
                .body("items[0].applicant.idNumber", equalTo(f.paid))
                .body("items[0].applicant.education", equalTo("BACHELOR"))
                .body("items[0].applicant.major", equalTo("法学"))
                .body("items[0].applicant.birthDate", notNullValue())
                .body("items[0].originalPositionCode", equalTo("C1"))
                .body("items[0].precheck.result", equalTo("PASS"))
                .body("items[0].targetPosition.requirements.minEducation", equalTo("BACHELOR"))
                .body("items[0].secondsToReviewDeadline", greaterThan(0));
        as(a07).get("/api/v1/admin/exams/{exam}/reviews", f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(intoA07))
                .body("items[0].precheck.result", equalTo("MANUAL"))
                .body("items[0].precheck.manualRequirements", equalTo(List.of("MAJOR")));
        admin().get("/api/v1/admin/exams/{exam}/reviews?status=PENDING", f.exam)
                .then()
                .body("items.id", equalTo(List.of(intoA01, intoA07)));

        // Another agency's review does not exist for this reviewer.
        decide(a01, intoA07, "APPROVED", null).statusCode(404).body("type", equalTo(BASE + "not-found"));
        decide(a01, 999_999_999, "APPROVED", null).statusCode(404);
        decide(a07, intoA07, "APPROVED", null).statusCode(200).body("status", equalTo("APPROVED"));
        // Reviewers cannot administer.
        as(a01).post("/api/v1/admin/exams/{exam}/ratio-check", f.exam).then().statusCode(403);
        as(a01).get("/api/v1/admin/exams/{exam}/summary", f.exam).then().statusCode(403);
    }

    @Test
    void decisionsAreFinalAndRejectionsNeedAReason() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int approved = f.switchTo(f.paid, "T-OK");
        int rejected = f.switchTo(f.waived, "T-OK");
        String a01 = reviewer("A01");

        decide(a01, rejected, "REJECTED", null).statusCode(400).body("errors[0].field", equalTo("reason"));
        decide(a01, rejected, "REJECTED", "   ").statusCode(400).body("errors[0].field", equalTo("reason"));
        decide(a01, rejected, "MAYBE", "x").statusCode(400).body("errors[0].field", equalTo("decision"));

        clock.set(DURING.plusSeconds(3600));
        decide(a01, approved, "APPROVED", null)
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decidedAt", equalTo("2023-01-15T03:00:00Z"))
                .body("lateDecision", equalTo(false));
        decide(a01, approved, "REJECTED", "changed my mind")
                .statusCode(409)
                .body("type", equalTo(BASE + "review-already-decided"));
        decide(a01, rejected, "REJECTED", "不符合专业要求").statusCode(200).body("reason", equalTo("不符合专业要求"));

        // The applicants read their results.
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .body("currentSwitch.status", equalTo("APPROVED"))
                .body("currentSwitch.reason", nullValue())
                .body("currentSwitch.decidedAt", equalTo("2023-01-15T03:00:00Z"))
                .body("switchesLeft", equalTo(0));
        as(Api.applicantToken(f.exam, f.waived))
                .get("/api/v1/me")
                .then()
                .body("currentSwitch.status", equalTo("REJECTED"))
                .body("currentSwitch.reason", equalTo("不符合专业要求"))
                .body("switchesLeft", equalTo(0));
        admin().get("/api/v1/admin/audit-events?action=review.decided&examCode=" + f.exam)
                .then()
                .body("total", equalTo(2));
    }

    @Test
    void aRejectionLeavesAnotherSwitchWhileTheWindowIsOpen() {
        SwitchFixture f = new SwitchFixture(2, 0);
        int first = f.switchTo(f.paid, "T-OK");
        decide(admin(), first, "REJECTED", "学历证明不符").statusCode(200);
        String token = Api.applicantToken(f.exam, f.paid);
        as(token).get("/api/v1/me").then().body("switchesLeft", equalTo(1));
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-MAJOR"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse decide(
            io.restassured.specification.RequestSpecification spec, int id, String decision, String reason) {
        return Api.decide(spec, id, decision, reason);
    }

    @Test
    void afterTheReviewDeadlineOnlyAnAdministratorDecidesAndItIsMarkedLate() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-OK");
        String a01 = reviewer("A01");
        clock.set(REVIEW_DEADLINE.minusMillis(1));
        as(a01).get("/api/v1/admin/exams/{exam}/reviews", f.exam)
                .then()
                .body("items[0].secondsToReviewDeadline", equalTo(0));
        clock.set(REVIEW_DEADLINE);
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam).then().body("reviews.overdue", equalTo(1));
        decide(a01, id, "APPROVED", null).statusCode(409).body("type", equalTo(BASE + "review-deadline-passed"));
        decide(admin(), id, "APPROVED", null)
                .statusCode(200)
                .body("lateDecision", equalTo(true))
                .body("reviewer", equalTo("admin"));
        admin().get("/api/v1/admin/audit-events?action=review.decided-late&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.late", equalTo(true));
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam)
                .then()
                .body("reviews.overdue", equalTo(0))
                .body("reviews.decidedLate", equalTo(1));
    }

    @Test
    void concurrentDecisionsOnOneReviewExactlyOneWins() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-OK");
        String a01 = reviewer("A01");
        int n = 10;
        List<Integer> statuses = Concurrently.run(n, i -> {
            boolean approve = i % 2 == 0;
            return decide(a01, id, approve ? "APPROVED" : "REJECTED", approve ? null : "no")
                    .extract()
                    .statusCode();
        });
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        admin().get("/api/v1/admin/audit-events?subject=switch:" + id)
                .then()
                .body("items.action", equalTo(List.of("review.decided", "switch.requested")));
    }

    @Test
    void theSummaryCountsAKnownDataSet() {
        SwitchFixture f = new SwitchFixture(1, 3);
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam)
                .then()
                .statusCode(200)
                .body("phase", equalTo("SWITCHING"))
                .body("positions.open", equalTo(4))
                .body("positions.reduced", equalTo(0))
                .body("positions.cancelled", equalTo(2))
                // C1: paid, waived and three more paid; C2: one paid. The unpaid one is not affected.
                .body("affectedApplicants", equalTo(6))
                .body("switchedApplicants", equalTo(0))
                .body("notSwitched", equalTo(6));
        int a = f.switchTo(f.paid, "T-OK");
        int b = f.switchTo(f.waived, "T-OK");
        f.switchTo(f.others.get(0), "T-MAJOR");
        decide(admin(), a, "APPROVED", null).statusCode(200);
        decide(admin(), b, "REJECTED", "no").statusCode(200);
        admin().get("/api/v1/admin/exams/{exam}/summary", f.exam)
                .then()
                .body("switchedApplicants", equalTo(3))
                .body("notSwitched", equalTo(3))
                .body("reviews.pending", equalTo(1))
                .body("reviews.approved", equalTo(1))
                .body("reviews.rejected", equalTo(1))
                .body("reviews.overdue", equalTo(0))
                // T-OK is A01's, T-MAJOR A07's
                .body("reviewsByAgency.agencyCode", equalTo(List.of("A01", "A07")))
                .body("reviewsByAgency[0].approved", equalTo(1))
                .body("reviewsByAgency[0].rejected", equalTo(1))
                .body("reviewsByAgency[0].pending", equalTo(0))
                .body("reviewsByAgency[1].pending", equalTo(1))
                .body("reviewsByAgency[1].agencyName", equalTo("太原市人力资源和社会保障局"))
                // the rejection of the waived applicant's only switch owes no refund (nothing was paid)
                .body("refundsByReason.REVIEW_REJECTED", equalTo(0))
                .body("refundsByReason.NOT_SWITCHED", equalTo(0))
                .body("refundsByReason.DECLINED", equalTo(0));
        admin().get("/api/v1/admin/exams/NOPE/summary").then().statusCode(404);
    }

    @Test
    void reviewersSeeThePrecheckStoredAtSwitchTimeAndAChangedRecomputationIsFlagged() {
        SwitchFixture f = new SwitchFixture(1, 0);
        int id = f.switchTo(f.paid, "T-OK");
        admin().get("/api/v1/admin/exams/{exam}/reviews", f.exam)
                .then()
                .body("items[0].precheck.result", equalTo("PASS"));
        // The deadline moves three years on: by the new deadline the applicant is past T-OK's maximum age.
        Map<String, Object> exam = Api.exam(f.exam, 3, true);
        exam.put("switchDeadline", "2026-01-16T12:00:00+08:00");
        exam.put("reviewDeadline", "2026-01-17T12:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(exam)
                .put("/api/v1/admin/exams/{code}", f.exam)
                .then()
                .statusCode(200);
        as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .body("currentSwitch.precheck.result", equalTo("PASS"));
        admin().get("/api/v1/admin/exams/{exam}/reviews", f.exam)
                .then()
                .body("items[0].id", equalTo(id))
                .body("items[0].precheck.result", equalTo("PASS"))
                .body("items[0].currentPrecheck.result", equalTo("FAIL"))
                .body("items[0].currentPrecheck.failedRequirements", equalTo(List.of("MAX_AGE")))
                .body("items[0].precheckChanged", equalTo(true));
        SwitchFixture g = new SwitchFixture(1, 0);
        g.switchTo(g.paid, "T-OK");
        admin().get("/api/v1/admin/exams/{exam}/reviews", g.exam)
                .then()
                .body("items[0].currentPrecheck.result", equalTo("PASS"))
                .body("items[0].precheckChanged", equalTo(false));
        decide(admin(), id, "APPROVED", null)
                .statusCode(200)
                .body("precheck.result", equalTo("PASS"))
                .body("precheckChanged", equalTo(true));
    }
}
