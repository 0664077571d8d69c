package cn.gov.exam.change.exam;

import static cn.gov.exam.change.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Problems;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExamTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void createReadAndUpdateAnExam() {
        String code = Api.newExamCode("EXAM");
        Map<String, Object> body = Api.exam(code, 3, true);
        body.put("feeAmount", "100.00");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/exams/" + code))
                .body("switchDeadline", equalTo("2023-01-16T12:00:00+08:00"))
                .body("feeAmount", equalTo("100.00"))
                .body("published", equalTo(false));
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(409)
                .body("type", equalTo(Problems.type("already-exists")));

        body.put("maxSwitches", 2);
        body.put("switchDeadline", "2023-01-16T04:00:00Z");
        admin().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(200)
                .body("maxSwitches", equalTo(2))
                .body("switchDeadline", equalTo("2023-01-16T12:00:00+08:00"));
        given().get("/api/v1/exams").then().statusCode(200).body("items.code", hasItem(code));
        admin().get("/api/v1/admin/audit-events?subject=exam:" + code)
                .then()
                .body("items.action", equalTo(java.util.List.of("exam.updated", "exam.created")));
    }

    @Test
    void anUpdateKeepsTheOptionalFieldsItOmits() {
        String code = Api.newExamCode("EXAM");
        Map<String, Object> body = Api.exam(code, 3, true);
        body.put("maxSwitches", 3);
        body.put("feeAmount", "125.50");
        body.put("registrationClosedAt", "2023-01-10T18:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201);

        body.remove("maxSwitches");
        body.remove("feeAmount");
        body.put("registrationClosedAt", null);
        body.put("name", "Renamed " + code);
        admin().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(200)
                .body("name", equalTo("Renamed " + code))
                .body("maxSwitches", equalTo(3))
                .body("feeAmount", equalTo("125.50"))
                .body("registrationClosedAt", equalTo("2023-01-10T18:00:00+08:00"));
        given().get("/api/v1/exams/{code}", code)
                .then()
                .body("maxSwitches", equalTo(3))
                .body("feeAmount", equalTo("125.50"))
                .body("registrationClosedAt", equalTo("2023-01-10T18:00:00+08:00"));

        // A kept registrationClosedAt still has to fit the new timeline.
        body.put("switchWindowOpensAt", "2023-01-09T09:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("registrationClosedAt")));
    }

    @Test
    void phaseFollowsTheTimeline() {
        String code = Api.newExamCode("EXAM");
        Api.createExam(code, 3, true);
        clock.set(Instant.parse("2023-01-15T00:00:00Z"));
        given().get("/api/v1/exams/{code}", code).then().body("phase", equalTo("REGISTRATION_CLOSED"));
        admin().post("/api/v1/admin/exams/{code}/ratio-check/publish", code)
                .then()
                .statusCode(200);
        given().get("/api/v1/exams/{code}", code).then().body("phase", equalTo("SWITCHING"));
        clock.set(Instant.parse("2023-01-16T04:00:00Z"));
        given().get("/api/v1/exams/{code}", code).then().body("phase", equalTo("REVIEWING"));
        clock.set(Instant.parse("2023-01-17T04:00:00Z"));
        given().get("/api/v1/exams/{code}", code).then().body("phase", equalTo("CLOSED"));
    }

    @Test
    void invalidExamsAreRejectedFieldByField() {
        Map<String, Object> body = Api.exam(Api.newExamCode("EXAM"), 0, true);
        body.put("timeZone", "Mars/Base");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("defaultRatio")));
        body.put("defaultRatio", 3);
        body.put("reviewDeadline", "2023-01-15T12:00:00+08:00");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("timeZone", "reviewDeadline")));
        body.put("switchDeadline", "not a time");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("switchDeadline"));
        body.put("switchDeadline", "2023-01-16T12:00:00+08:00");
        body.put("colour", "blue");
        admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        Map<String, Object> other = Api.exam("OTHER", 3, true);
        admin().contentType(ContentType.JSON)
                .body(other)
                .put("/api/v1/admin/exams/SOMETHING-ELSE")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("code"));
        given().get("/api/v1/exams/NOPE").then().statusCode(404);
    }
}
