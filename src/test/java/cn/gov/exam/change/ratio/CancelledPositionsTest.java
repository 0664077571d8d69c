package cn.gov.exam.change.ratio;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static cn.gov.exam.change.support.Api.registrations;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CancelledPositionsTest {

    @Test
    void theListAppearsOnPublishAndIsServedWithEtags() {
        String exam = Api.newExamCode("LIST");
        Api.createExam(exam, 3, true);
        Api.importPositions(exam, List.of(position("C1", 2, null), position("K1", 1, null), position("C2", 1, 2)));
        List<Map<String, Object>> regs = new ArrayList<>(registrations("C1", "PAID", 2));
        regs.addAll(registrations("K1", "PAID", 3));
        regs.addAll(registrations("C2", "WAIVED", 1));
        Api.importRegistrations(exam, regs);

        // Before publication the cancellations are not public.
        String before = given().get("/api/v1/exams/{exam}/cancelled-positions", exam)
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .header("ETag", not(emptyString()))
                .extract()
                .header("ETag");

        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);

        String etag = given().get("/api/v1/exams/{exam}/cancelled-positions", exam)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("examCode", equalTo(exam))
                .body("count", equalTo(2))
                .body("positions.code", equalTo(List.of("C1", "C2")))
                .body("positions[0].originalQuota", equalTo(2))
                .body("positions[0].confirmedApplicants", equalTo(2))
                .body("positions[0].requiredApplicants", equalTo(6))
                .body("positions[1].confirmedApplicants", equalTo(1))
                .body("positions[1].requiredApplicants", equalTo(2))
                .body("positions[0].agencyName", equalTo("山西省财政厅"))
                .extract()
                .header("ETag");
        assertNotEquals(before, etag);

        given().header("If-None-Match", etag)
                .get("/api/v1/exams/{exam}/cancelled-positions", exam)
                .then()
                .statusCode(304)
                .header("ETag", equalTo(etag))
                .body(emptyString());
        given().header("If-None-Match", before)
                .get("/api/v1/exams/{exam}/cancelled-positions", exam)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(etag));
    }

    @Test
    void unknownExam() {
        given().get("/api/v1/exams/NOPE/cancelled-positions")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
