package cn.gov.exam.change.position;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.position;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PositionTest {

    @Test
    void csvAndJsonImportsUpsertByCode() {
        String exam = Api.newExamCode("POS");
        Api.createExam(exam, 3, true);
        String csv = """
                code,agencyCode,agencyName,employer,title,quota,ratio,minEducation,degreeRequired,majors,maxAge,politicalStatus,minGrassrootsYears,householdRegion
                14000101,A03,山西省高级人民法院,太原市中级人民法院,法官助理,2,2,BACHELOR,true,法学|法律,35,CPC_MEMBER,2,1401
                14000102,A01,山西省财政厅,财政厅机关,一级科员,1,,JUNIOR_COLLEGE,false,,40,,,
                """;
        admin().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(200)
                .body("created", equalTo(2))
                .body("updated", equalTo(0));
        given().get("/api/v1/exams/{exam}/positions?agency=a03", exam)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].quota", equalTo(2))
                .body("items[0].originalQuota", equalTo(2))
                .body("items[0].ratio", equalTo(2))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].requirements.majors", equalTo(List.of("法学", "法律")))
                .body("items[0].requirements.politicalStatus", equalTo("CPC_MEMBER"))
                .body("items[0].requirements.minGrassrootsYears", equalTo(2))
                .body("items[0].requirements.householdRegion", equalTo("1401"));

        Map<String, Object> changed = position("14000102", 3, 5);
        admin().contentType(ContentType.JSON)
                .body(List.of(changed, position("14000103", 1, null)))
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("updated", equalTo(1));
        given().get("/api/v1/exams/{exam}/positions?q=14000102", exam)
                .then()
                .body("items[0].quota", equalTo(3))
                .body("items[0].ratio", equalTo(5));
        given().get("/api/v1/exams/{exam}/positions?size=2&page=1", exam)
                .then()
                .body("total", equalTo(3))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("items.code", equalTo(List.of("14000103")));
        given().get("/api/v1/exams/{exam}/positions?q=法官", exam)
                .then()
                .body("items.code", equalTo(List.of("14000101")));
    }

    @Test
    void badRowsRejectTheWholeImport() {
        String exam = Api.newExamCode("POS");
        Api.createExam(exam, 3, true);
        Map<String, Object> bad = position("X2", 0, 0);
        bad.put("requirements", Map.of("minEducation", "PRIMARY", "majors", List.of(1)));
        admin().contentType(ContentType.JSON)
                .body(List.of(position("X1", 1, null), bad, position("X1", 1, null)))
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.findAll { it.row == 2 }.field",
                        hasItems("quota", "ratio", "requirements.minEducation", "requirements.majors"))
                .body("errors.find { it.row == 3 }.field", equalTo("code"))
                .body("errors.find { it.row == 1 }", nullValue());
        given().get("/api/v1/exams/{exam}/positions", exam).then().body("total", equalTo(0));
        admin().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/admin/exams/{exam}/positions", exam)
                .then()
                .statusCode(400)
                .body("type", equalTo(Problems.type("malformed-request")));
    }

    @Test
    void listFiltersAreValidated() {
        given().get("/api/v1/exams/NOPE/positions")
                .then()
                .statusCode(404)
                .body("type", equalTo(Problems.type("not-found")));
        String exam = Api.newExamCode("POS");
        Api.createExam(exam, 3, true);
        given().get("/api/v1/exams/{exam}/positions?status=CLOSED", exam)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().get("/api/v1/exams/{exam}/positions?size=501", exam)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().get("/api/v1/exams/{exam}/positions?page=-1", exam)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void theCodeMatchesWhateverItsCaseInThePositionsListAndTheSwitchOptionsAlike() {
        // The switch options match the same way (SwitchTest.switchOptionsCarryAPrecheckAndHideWhatCannotBeChosen).
        cn.gov.exam.change.support.SwitchFixture f = new cn.gov.exam.change.support.SwitchFixture(1, 0);
        for (String q : List.of("t-ok", "T-OK", " t-Ok ")) {
            given().queryParam("q", q)
                    .get("/api/v1/exams/{exam}/positions", f.exam)
                    .then()
                    .statusCode(200)
                    .body("items.code", equalTo(List.of("T-OK")));
        }
    }
}
