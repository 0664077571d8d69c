package cn.gov.exam.change.auth;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 2: who may sign in during the switch phase. */
@QuarkusTest
class ApplicantSignInTest {
    @Inject
    TestClock clock;

    @Inject
    cn.gov.exam.change.auth.SignInThrottle throttle;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse signIn(String exam, String idNumber, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("examCode", exam, "idNumber", idNumber, "password", password))
                .post("/api/v1/auth/applicant-token")
                .then();
    }

    @Test
    void onlyConfirmedApplicantsOfCancelledPositionsGetIn() {
        SwitchFixture f = new SwitchFixture(1, 0);
        signIn(f.exam, f.paid, Api.PASSWORD)
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0))
                .body("accessToken", notNullValue());
        signIn(f.exam, f.waived, Api.PASSWORD).statusCode(200);
        signIn(f.exam, f.unpaid, Api.PASSWORD)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "sign-in-not-allowed"))
                .body("detail", containsString("职位改报"));
        signIn(f.exam, f.kept, Api.PASSWORD).statusCode(403).body("type", equalTo(BASE + "sign-in-not-allowed"));
        // The ID number is not case sensitive in its check character.
        signIn(f.exam, f.paid.toLowerCase(), Api.PASSWORD).statusCode(200);
    }

    @Test
    void wrongCredentialsDoNotTellWhetherTheIdExists() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String known = signIn(f.exam, f.paid, "wrong-password")
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-credentials"))
                .extract()
                .path("detail");
        String unknown = signIn(f.exam, Api.newIdNumber(), "wrong-password")
                .statusCode(401)
                .body("type", equalTo(BASE + "invalid-credentials"))
                .extract()
                .path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(known, unknown);
        signIn("NO-SUCH-EXAM", f.paid, Api.PASSWORD).statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", f.exam, "idNumber", "123", "password", "x"))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(400)
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

    private static ValidatableResponse signInFrom(String client, String exam, String idNumber, String password) {
        return given().header("X-Forwarded-For", client)
                .contentType(ContentType.JSON)
                .body(Map.of("examCode", exam, "idNumber", idNumber, "password", password))
                .post("/api/v1/auth/applicant-token")
                .then();
    }

    @Test
    void anAttackersFailuresFromOneClientDoNotStopTheOwnerFromAnother() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-15T02:00:00Z"));
        String attacker = "203.0.113.7";
        for (int i = 1; i <= 4; i++) {
            signInFrom(attacker, f.exam, f.paid, "wrong-" + i).statusCode(401);
        }
        signInFrom(attacker, f.exam, f.paid, "wrong-5")
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "account-locked"))
                .header("Retry-After", equalTo("60"));
        // The pair waits, even with the right password; the owner's phone does not.
        signInFrom(attacker, f.exam, f.paid, Api.PASSWORD).statusCode(429);
        signInFrom("198.51.100.20", f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // Each guess past the limit doubles the pair's wait.
        clock.advance(Duration.ofSeconds(61));
        signInFrom(attacker, f.exam, f.paid, "wrong-6").statusCode(429).header("Retry-After", equalTo("120"));
        clock.advance(Duration.ofSeconds(121));
        signInFrom(attacker, f.exam, f.paid, "wrong-7").statusCode(429).header("Retry-After", equalTo("240"));

        admin().get("/api/v1/admin/audit-events?action=applicant.sign-in-failed&examCode=" + f.exam)
                .then()
                .body("total", equalTo(7))
                .body("items[0].after.client", equalTo(attacker))
                .body("items[0].after.failuresOfAccountFromClient", equalTo(7))
                .body("items[0].subjectId", equalTo(IdNumbers.mask(f.paid)))
                .body(not(containsString(f.paid)));
        admin().get("/api/v1/admin/audit-events?action=applicant.sign-in-throttled&examCode=" + f.exam)
                .then()
                .body("total", equalTo(3))
                .body("items[0].after.scope", equalTo("account-from-client"));

        // Staff clear the waits, audited; the client is then checked like any other.
        admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/unlock", f.exam, f.paid)
                .then()
                .statusCode(200)
                .body("account", equalTo(IdNumbers.mask(f.paid)))
                .body("cleared", greaterThan(0));
        signInFrom(attacker, f.exam, f.paid, Api.PASSWORD).statusCode(200);
        admin().get("/api/v1/admin/audit-events?action=applicant.sign-in-unlocked&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo(Api.ADMIN));
        admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/unlock", f.exam, "123")
                .then()
                .statusCode(400);
        admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/unlock", "NO-SUCH-EXAM", f.paid)
                .then()
                .statusCode(404);
        given().post("/api/v1/admin/exams/{exam}/applicants/{id}/unlock", f.exam, f.paid)
                .then()
                .statusCode(401);
    }

    @Test
    void theOwnersSuccessStillClearsThePairsFailures() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-15T02:00:00Z"));
        String phone = "203.0.113.44";
        for (int i = 1; i <= 4; i++) {
            signInFrom(phone, f.exam, f.paid, "typo-" + i).statusCode(401);
        }
        signInFrom(phone, f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // Four more typos are four, not eight: the pair's count started afresh with the success …
        for (int i = 5; i <= 8; i++) {
            signInFrom(phone, f.exam, f.paid, "typo-" + i).statusCode(401);
        }
        signInFrom(phone, f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // … and a sign-in without any count before it leaves none behind.
        signInFrom(phone, f.exam, f.paid, Api.PASSWORD).statusCode(200);
        for (int i = 9; i <= 12; i++) {
            signInFrom(phone, f.exam, f.paid, "typo-" + i).statusCode(401);
        }
        signInFrom(phone, f.exam, f.paid, "typo-13").statusCode(429).header("Retry-After", equalTo("60"));
    }

    @Test
    void hashesOfEveryBcryptVersionFromOtherSystemsSignIn() {
        String exam = Api.newExamCode("HASH");
        Api.createExam(exam, 3, true);
        Api.importPositions(exam, java.util.List.of(Api.position("C", 1, null)));
        // Demo@2023, hashed by libxcrypt's crypt(3) as $2b$ (OpenBSD, PHP) and $2y$ (PHP of old).
        String b = Api.newIdNumber();
        String y = Api.newIdNumber();
        Map<String, Object> rb = Api.registration(b, "C", "PAID");
        rb.put("passwordHash", "$2b$04$/0Fo.EfJ/ek2V.mqKp6huObI6wwXW3mYtTC3KA1WysLCaG7nyKWLS");
        Map<String, Object> ry = Api.registration(y, "C", "PAID");
        ry.put("passwordHash", "$2y$04$nkuB0HCh9wJmSrByr6TbzuKb5W5aQn7X5c0vyczil7bV7qEmcjIoC");
        Api.importRegistrations(exam, java.util.List.of(rb, ry));
        admin().post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);
        signIn(exam, b, Api.PASSWORD).statusCode(200);
        signIn(exam, y, Api.PASSWORD).statusCode(200);
        signIn(exam, b, "Demo@2024").statusCode(401);
    }

    @Test
    void guessesFromManyClientsSlowTheAccountButNeverTheOwnersFreshClient() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-15T02:00:00Z"));
        // Twenty clients, one wrong password each: the account's ceiling.
        for (int i = 1; i < 20; i++) {
            signInFrom("203.0.113." + i, f.exam, f.paid, "wrong").statusCode(401);
        }
        signInFrom("203.0.113.20", f.exam, f.paid, "wrong").statusCode(429).header("Retry-After", equalTo("60"));
        // A client that guessed waits about a minute, even with the right password …
        signInFrom("203.0.113.3", f.exam, f.paid, Api.PASSWORD).statusCode(429).header("Retry-After", equalTo("60"));
        // … a fresh one gets in at once …
        signInFrom("198.51.100.9", f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // … and the owner got in, so the account's count is gone.
        signInFrom("203.0.113.3", f.exam, f.paid, Api.PASSWORD).statusCode(200);
        admin().get("/api/v1/admin/audit-events?action=applicant.sign-in-throttled&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].after.scope", equalTo("account"))
                .body("items[0].after.failuresOfAccount", equalTo(20));
    }

    @Test
    void oneClientSprayingPasswordsOverManyIdNumbersWaits() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-15T02:00:00Z"));
        String sprayer = "203.0.113.99";
        for (int i = 1; i < 50; i++) {
            signInFrom(sprayer, f.exam, Api.newIdNumber(), "123456").statusCode(401);
        }
        signInFrom(sprayer, f.exam, Api.newIdNumber(), "123456").statusCode(429).header("Retry-After", equalTo("900"));
        signInFrom(sprayer, f.exam, f.paid, Api.PASSWORD).statusCode(429);
        signInFrom("198.51.100.10", f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // A plain client address, without a trusted proxy in front, is the client itself.
        signIn(f.exam, f.paid, Api.PASSWORD).statusCode(200);
        clock.advance(Duration.ofMinutes(16));
        signInFrom(sprayer, f.exam, f.paid, Api.PASSWORD).statusCode(200);
        // The spray's counts are past their window now, and forgotten.
        clock.advance(Duration.ofMinutes(16));
        org.junit.jupiter.api.Assertions.assertTrue(throttle.forgetOld() >= 100);
        signInFrom(sprayer, f.exam, Api.newIdNumber(), "123456").statusCode(401);
    }

    @Test
    void afterTheDeadlineApplicantsStillSignInToReadTheirStatus() {
        SwitchFixture f = new SwitchFixture(1, 0);
        clock.set(Instant.parse("2023-01-20T00:00:00Z"));
        String token = Api.applicantToken(f.exam, f.paid);
        Api.as(token).get("/api/v1/me").then().statusCode(200).body("originalPosition.code", equalTo("C1"));
    }
}
