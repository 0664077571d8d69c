package cn.gov.exam.change.switching;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static cn.gov.exam.change.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** DESIGN.md rule 2: who may sign in during the switch phase. */
@QuarkusTest
class ApplicantSignInTest {
    private static final String BASE = "https://position-change.example/problems/";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse signIn(String exam, String idNumber, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("examCode", exam, "idNumber", idNumber, "password", password))
                .post("/api/v1/auth/applicant-token").then();
    }

    @Test
    void onlyConfirmedApplicantsOfCancelledPositionsGetIn() {
        SwitchFixture f = new SwitchFixture(1, 0);
        signIn(f.exam, f.paid, Api.PASSWORD).statusCode(200).body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0)).body("accessToken", notNullValue());
        signIn(f.exam, f.waived, Api.PASSWORD).statusCode(200);
        signIn(f.exam, f.unpaid, Api.PASSWORD).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(BASE + "sign-in-not-allowed")).body("detail", containsString("职位改报"));
        signIn(f.exam, f.kept, Api.PASSWORD).statusCode(403).body("type", equalTo(BASE + "sign-in-not-allowed"));
        // The ID number is not case sensitive in its check character.
        signIn(f.exam, f.paid.toLowerCase(), Api.PASSWORD).statusCode(200);
    }

    @Test
    void wrongCredentialsDoNotTellWhetherTheIdExists() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String known = signIn(f.exam, f.paid, "wrong-password").statusCode(401)
                .body("type", equalTo(BASE + "invalid-credentials")).extract().path("detail");
        String unknown = signIn(f.exam, Api.newIdNumber(), "wrong-password").statusCode(401)
                .body("type", equalTo(BASE + "invalid-credentials")).extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(known, unknown);
        signIn("NO-SUCH-EXAM", f.paid, Api.PASSWORD).statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("examCode", f.exam, "idNumber", "123", "password", "x"))
                .post("/api/v1/auth/applicant-token").then().statusCode(400)
                .body("errors[0].field", equalTo("idNumber"));
    }

    @Test
    void nobodyGetsInBeforeTheRatioCheckIsPublished() {
        String exam = Api.newExamCode("UNPUB");
        Api.createExam(exam, 3, true);
        Api.importPositions(exam, java.util.List.of(Api.position("P", 1, null)));
        String id = Api.newIdNumber();
        Api.importRegistrations(exam, java.util.List.of(Api.registration(id, "P", "PAID")));
        signIn(exam, id, Api.PASSWORD).statusCode(403).body("type", equalTo(BASE + "sign-in-not-allowed"));
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-15T02:00:00Z"));
        for (int i = 1; i <= 4; i++) {
            signIn(f.exam, f.paid, "wrong-" + i).statusCode(401);
        }
        signIn(f.exam, f.paid, "wrong-5").statusCode(429).contentType("application/problem+json")
                .body("type", equalTo(BASE + "account-locked")).header("Retry-After", equalTo("900"));
        // Locked: even the right password waits.
        clock.advance(Duration.ofMinutes(5));
        signIn(f.exam, f.paid, Api.PASSWORD).statusCode(429).header("Retry-After", equalTo("600"));
        clock.advance(Duration.ofMinutes(10));
        signIn(f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // A success clears the count: four more failures do not lock.
        for (int i = 1; i <= 4; i++) {
            signIn(f.exam, f.paid, "wrong-" + i).statusCode(401);
        }
        signIn(f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // An unknown ID number locks the same way.
        String unknown = Api.newIdNumber();
        for (int i = 1; i <= 4; i++) {
            signIn(f.exam, unknown, "x-" + i).statusCode(401);
        }
        signIn(f.exam, unknown, "x-5").statusCode(429);

        admin().get("/api/v1/admin/audit-events?action=applicant.sign-in-locked&examCode=" + f.exam).then()
                .body("total", equalTo(2))
                .body("items[1].subjectId", equalTo(cn.gov.exam.change.common.IdNumbers.mask(f.paid)))
                .body(not(containsString(f.paid))).body(not(containsString(unknown)));
    }

    @Test
    void afterTheDeadlineApplicantsStillSignInToReadTheirStatus() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-20T00:00:00Z"));
        String token = Api.applicantToken(f.exam, f.paid);
        Api.as(token).get("/api/v1/me").then().statusCode(200).body("originalPosition.code", equalTo("C1"));
    }
}
