package cn.gov.exam.change.ratio;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registrations;
import static cn.gov.exam.change.support.Problems.type;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Concurrently;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 1, through the API: the plan, its edges, and publishing. */
@QuarkusTest
class RatioCheckTest {
    @Inject
    AgroalDataSource dataSource;

    /** Positions whose counts sit on the rule's edges, with ratio 3 unless overridden. */
    private String examWithEdges(boolean reduce) {
        String exam = Api.newExamCode("RATIO");
        Api.createExam(exam, 3, reduce);
        Api.importPositions(
                exam,
                List.of(
                        position("EXACT", 2, null), // N = 6 = r·Q: kept
                        position("SHORT", 3, null), // N = 8 < 9: reduced to 2
                        position("ONE", 3, null), // N = 3: reduced to 1
                        position("ZERO", 2, null), // N = 2: ⌊2/3⌋ = 0, cancelled
                        position("EMPTY", 1, null), // nobody: cancelled
                        position("OVERRIDE", 1, 2), // ratio 2, N = 2: kept
                        position("WAIVED", 1, null), // 2 paid + 1 waived = 3: kept
                        position("UNPAID", 1, null))); // 2 paid + 5 unpaid = 2: not enough
        List<Map<String, Object>> regs = new ArrayList<>();
        regs.addAll(registrations("EXACT", "PAID", 6));
        regs.addAll(registrations("SHORT", "PAID", 8));
        regs.addAll(registrations("ONE", "PAID", 3));
        regs.addAll(registrations("ZERO", "PAID", 2));
        regs.addAll(registrations("OVERRIDE", "PAID", 2));
        regs.addAll(registrations("WAIVED", "PAID", 2));
        regs.addAll(registrations("WAIVED", "WAIVED", 1));
        regs.addAll(registrations("UNPAID", "PAID", 2));
        regs.addAll(registrations("UNPAID", "UNPAID", 5));
        Api.importRegistrations(exam, regs);
        return exam;
    }

    private static JsonPath dryRun(String exam) {
        return admin().post("/api/v1/admin/exams/{exam}/ratio-check", exam)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> outcome(JsonPath plan, String code) {
        return plan.getMap("positions.find { it.code == '" + code + "' }");
    }

    @Test
    void planFollowsTheRuleAtItsEdges() {
        String exam = examWithEdges(true);
        JsonPath plan = dryRun(exam);

        assertEquals(false, plan.getBoolean("published"));
        assertEquals(
                Map.of(
                        "code",
                        "EXACT",
                        "confirmedApplicants",
                        6,
                        "quota",
                        2,
                        "ratio",
                        3,
                        "outcome",
                        "KEEP",
                        "newQuota",
                        2),
                outcome(plan, "EXACT"));
        assertEquals("REDUCE", outcome(plan, "SHORT").get("outcome"));
        assertEquals(2, outcome(plan, "SHORT").get("newQuota"));
        assertEquals("REDUCE", outcome(plan, "ONE").get("outcome"));
        assertEquals(1, outcome(plan, "ONE").get("newQuota"));
        assertEquals("CANCEL", outcome(plan, "ZERO").get("outcome"));
        assertEquals("CANCEL", outcome(plan, "EMPTY").get("outcome"));
        assertEquals(0, outcome(plan, "EMPTY").get("confirmedApplicants"));
        assertEquals("KEEP", outcome(plan, "OVERRIDE").get("outcome"));
        assertEquals(2, outcome(plan, "OVERRIDE").get("ratio"));
        assertEquals("KEEP", outcome(plan, "WAIVED").get("outcome"));
        assertEquals(3, outcome(plan, "WAIVED").get("confirmedApplicants"));
        assertEquals("CANCEL", outcome(plan, "UNPAID").get("outcome"));
        assertEquals(2, outcome(plan, "UNPAID").get("confirmedApplicants"));
        assertEquals(3, plan.getInt("kept"));
        assertEquals(2, plan.getInt("reduced"));
        assertEquals(3, plan.getInt("cancelled"));

        // A dry run changes nothing.
        given().get("/api/v1/exams/{exam}/positions?status=OPEN", exam).then().body("total", equalTo(8));
    }

    @Test
    void anExamWithoutReductionCancelsWhatWouldBeReduced() {
        JsonPath plan = dryRun(examWithEdges(false));
        assertEquals("CANCEL", outcome(plan, "SHORT").get("outcome"));
        assertEquals("CANCEL", outcome(plan, "ONE").get("outcome"));
        assertEquals("KEEP", outcome(plan, "EXACT").get("outcome"));
        assertEquals(3, plan.getInt("kept"));
        assertEquals(0, plan.getInt("reduced"));
        assertEquals(5, plan.getInt("cancelled"));
    }

    @Test
    void publishAppliesThePlanOnceAndFreezesTheExam() {
        String exam = examWithEdges(true);
        String dry = admin().post("/api/v1/admin/exams/{exam}/ratio-check", exam)
                .then()
                .extract()
                .asString();

        JsonPath first = admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200)
                .body("published", equalTo(true))
                .extract()
                .jsonPath();
        assertEquals(JsonPath.from(dry).getList("positions"), first.getList("positions"));

        given().get("/api/v1/exams/{exam}/positions?status=CANCELLED", exam)
                .then()
                .body("items.code", equalTo(List.of("EMPTY", "UNPAID", "ZERO")));
        given().get("/api/v1/exams/{exam}/positions?status=REDUCED", exam)
                .then()
                .body("items.code", equalTo(List.of("ONE", "SHORT")))
                .body("items.quota", equalTo(List.of(1, 2)))
                .body("items.originalQuota", equalTo(List.of(3, 3)));
        given().get("/api/v1/exams/{exam}", exam).then().body("published", equalTo(true));

        // Publishing again, and the dry run after publishing, give the published result unchanged.
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200)
                .body("positions", equalTo(first.getList("positions")))
                .body("cancelled", equalTo(3));
        admin().post("/api/v1/admin/exams/{exam}/ratio-check", exam)
                .then()
                .statusCode(200)
                .body("published", equalTo(true))
                .body("reduced", equalTo(2));
        admin().get("/api/v1/admin/audit-events?action=ratio-check.published&subject=exam:" + exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo("admin"))
                .body("items[0].after.cancelledPositions", equalTo(List.of("EMPTY", "UNPAID", "ZERO")));

        // Frozen: quotas, ratio settings and registrations.
        admin().contentType(ContentType.JSON)
                .body(List.of(position("NEW", 1, null)))
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(409)
                .body("type", equalTo(type("exam-already-published")));
        admin().contentType(ContentType.JSON)
                .body(registrations("EXACT", "PAID", 1))
                .post("/api/v1/admin/exams/{exam}/registrations", exam)
                .then()
                .statusCode(409)
                .body("type", equalTo(type("exam-already-published")));
        admin().contentType(ContentType.JSON)
                .body(Api.exam(exam, 2, true))
                .put("/api/v1/admin/exams/{exam}", exam)
                .then()
                .statusCode(409)
                .body("type", equalTo(type("exam-already-published")));
        // The timeline may still move.
        Map<String, Object> later = Api.exam(exam, 3, true);
        later.put("switchDeadline", "2023-01-16T18:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(later)
                .put("/api/v1/admin/exams/{exam}", exam)
                .then()
                .statusCode(200)
                .body("switchDeadline", equalTo("2023-01-16T18:00:00+08:00"));
    }

    @Test
    void concurrentPublishersApplyThePlanExactlyOnce() throws Exception {
        String exam = examWithEdges(true);
        List<String> bodies = Concurrently.run(
                4,
                i -> admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        bodies.forEach(b -> assertEquals(bodies.get(0), b));
        admin().get("/api/v1/admin/audit-events?action=ratio-check.published&subject=exam:" + exam)
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void aFailedPublishLeavesNothingBehind() throws Exception {
        String exam = examWithEdges(true);
        // Make the last write of the publishing transaction fail for this exam only.
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("""
                    create or replace function fail_snapshot() returns trigger language plpgsql as $$
                    begin
                      if (select code from exam where id = new.exam_id) like 'RATIO-FAIL%' then
                        raise exception 'injected failure';
                      end if;
                      return new;
                    end $$""");
            st.execute("drop trigger if exists fail_snapshot on cancelled_positions_snapshot");
            st.execute("create trigger fail_snapshot before insert on cancelled_positions_snapshot "
                    + "for each row execute function fail_snapshot()");
        }
        String failing = "RATIO-FAIL-" + exam;
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.executeUpdate("update exam set code = '" + failing + "' where code = '" + exam + "'");
        }
        try {
            admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", failing)
                    .then()
                    .statusCode(500)
                    .contentType("application/problem+json")
                    .body("type", equalTo(type("internal-error")));
            given().get("/api/v1/exams/{exam}", failing).then().body("published", equalTo(false));
            given().get("/api/v1/exams/{exam}/positions?status=OPEN", failing)
                    .then()
                    .body("total", equalTo(8));
            admin().post("/api/v1/admin/exams/{exam}/ratio-check", failing)
                    .then()
                    .body("published", equalTo(false))
                    .body("positions", hasSize(8));
            admin().get("/api/v1/admin/audit-events?action=ratio-check.published&subject=exam:" + failing)
                    .then()
                    .body("total", equalTo(0));
        } finally {
            try (Connection c = dataSource.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("drop trigger if exists fail_snapshot on cancelled_positions_snapshot");
            }
        }
        // With the fault gone the same exam publishes normally.
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", failing)
                .then()
                .statusCode(200)
                .body("cancelled", equalTo(3));
    }

    @Test
    void unknownExamIsNotFound() {
        admin().post("/api/v1/admin/exams/NOPE/ratio-check")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(type("not-found")));
        admin().post("/api/v1/admin/exams/NOPE/ratio-check/publish").then().statusCode(404);
    }
}
