package cn.gov.exam.change.switching;

import static cn.gov.exam.change.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Full ID numbers never reach applicant responses, the log or audit details. */
@QuarkusTest
class PersonalDataTest {
    @jakarta.inject.Inject
    cn.gov.exam.change.support.TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aKnownIdNumberAppearsNowhereAfterEveryKindOfRequest() throws Exception {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(SwitchFixture.DURING);
        String id = f.paid;
        // Failures, lockout, success, reading, switching, a bad import row.
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("examCode", f.exam, "idNumber", id, "password", "bad" + i))
                    .post("/api/v1/auth/applicant-token");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", f.exam, "idNumber", f.waived, "password", Api.PASSWORD))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(200);
        String token = Api.applicantToken(f.exam, f.waived);
        as(token).get("/api/v1/me").then().body(not(containsString(f.waived)));
        as(token).get("/api/v1/me/switch-options").then().body(not(containsString(f.waived)));
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", "T-MASTER"))
                .post("/api/v1/me/switch")
                .then()
                .statusCode(422)
                .body(not(containsString(f.waived)));
        String unpublished = Api.newExamCode("PD");
        Api.createExam(unpublished, 3, true);
        Api.admin()
                .contentType(ContentType.JSON)
                .body(java.util.List.of(
                        Api.registration(id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'), "NOPE", "PAID")))
                .post("/api/v1/admin/exams/{exam}/registrations", unpublished)
                .then()
                .statusCode(400);
        Api.admin()
                .get("/api/v1/admin/audit-events?examCode=" + f.exam + "&size=500")
                .then()
                .body(not(containsString(id)))
                .body(not(containsString(f.waived)));

        Path log = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(log), "the test profile writes the service log to " + log);
        String text = Files.readString(log);
        assertTrue(text.contains("Loaded the demo exam"), "the log file is the service's log");
        assertFalse(text.contains(id), "a full ID number was written to the log");
        assertFalse(text.contains(f.waived), "a full ID number was written to the log");
    }
}
