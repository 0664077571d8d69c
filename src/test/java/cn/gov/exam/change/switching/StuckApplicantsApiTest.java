package cn.gov.exam.change.switching;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 through the API: what the applicant's page needs to tell the end states apart, no switch
 * back to a position whose agency said no, the help contact, and a way out of a forgotten password.
 */
@QuarkusTest
class StuckApplicantsApiTest {
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

    private static ValidatableResponse requestSwitch(String token, String target) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("targetPositionCode", target))
                .post("/api/v1/me/switch")
                .then();
    }

    private static ValidatableResponse signInFrom(String client, String exam, String idNumber, String password) {
        return given().header("X-Forwarded-For", client)
                .contentType(ContentType.JSON)
                .body(Map.of("examCode", exam, "idNumber", idNumber, "password", password))
                .post("/api/v1/auth/applicant-token")
                .then();
    }

    @Test
    void aPositionWhoseAgencyRejectedTheApplicantIsNeitherOfferedNorAccepted() {
        SwitchFixture f = new SwitchFixture(2, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        int first = f.switchTo(f.paid, "T-OK");
        Api.decide(admin(), first, "REJECTED", "专业不符").statusCode(200);

        as(token)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("switchesLeft", equalTo(1))
                .body("rejectedPositionCodes", equalTo(List.of("T-OK")))
                .body("feeStatus", equalTo("PAID"))
                .body("maxSwitches", equalTo(2))
                .body("reviewDeadline", equalTo("2023-01-17T12:00:00+08:00"));
        List<String> offered = as(token)
                .get("/api/v1/me/switch-options?qualifiedOnly=false&size=500")
                .then()
                .statusCode(200)
                .extract()
                .path("items.code");
        assertFalse(offered.contains("T-OK"), "not offered again: " + offered);
        // Today's code answered 201 here, and the applicant waited for the same "no".
        requestSwitch(token, "T-OK")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "position-previously-rejected"));
        requestSwitch(token, "T-MAJOR").statusCode(201);
    }

    @Test
    void theOptionsSayHowManyPositionsTheQualifiedFilterHides() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String token = Api.applicantToken(f.exam, f.paid);
        // T-MASTER fails the applicant's precheck; K1, T-OK and T-MAJOR do not.
        as(token)
                .get("/api/v1/me/switch-options")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("unqualifiedHidden", equalTo(1))
                .body("items.code", not(hasItem("T-MASTER")));
        as(token)
                .get("/api/v1/me/switch-options?qualifiedOnly=false")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("unqualifiedHidden", equalTo(0));
        as(token)
                .get("/api/v1/me/switch-options?q=T-OK")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("unqualifiedHidden", equalTo(0));
    }

    @Test
    void meTellsAWaivedFeeAndTheRefundsReferenceAndChannel() {
        SwitchFixture f = new SwitchFixture(1, 0);
        as(Api.applicantToken(f.exam, f.waived))
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("feeStatus", equalTo("WAIVED"))
                .body("refund", nullValue());
        String token = Api.applicantToken(f.exam, f.paid);
        int refundId = as(token)
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(token)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("refund.id", equalTo(refundId))
                .body("refund.channel", equalTo("ALIPAY"))
                .body("refund.reason", equalTo("DECLINED"))
                .body("refund.status", equalTo("QUEUED"))
                .body("refund.createdAt", notNullValue());
        // The reference is the id staff see in 退费.
        admin().get("/api/v1/admin/exams/{exam}/refunds", f.exam).then().body("items[0].id", equalTo(refundId));
    }

    @Test
    void anExamNamesItsHelpContactElseTheConfiguredDefaultIsShown() {
        Map<String, Object> e = Api.exam(Api.newExamCode("HELP"), 3, true);
        String code = (String) e.get("code");
        // An existing client that knows nothing of helpContact.
        admin().contentType(ContentType.JSON)
                .body(e)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(201)
                .body("helpContact", equalTo("请拨打本次考试公告中的咨询电话（工作日 8:30–17:30）"));
        e.put("helpContact", "0351-7654321（工作日 9:00–17:00）");
        admin().contentType(ContentType.JSON)
                .body(e)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(200)
                .body("helpContact", equalTo("0351-7654321（工作日 9:00–17:00）"));
        e.remove("helpContact");
        admin().contentType(ContentType.JSON)
                .body(e)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(200)
                .body("helpContact", equalTo("0351-7654321（工作日 9:00–17:00）"));
        given().get("/api/v1/exams/{code}", code).then().body("helpContact", equalTo("0351-7654321（工作日 9:00–17:00）"));
        e.put("helpContact", "x".repeat(201));
        admin().contentType(ContentType.JSON)
                .body(e)
                .put("/api/v1/admin/exams/{code}", code)
                .then()
                .statusCode(400);
    }

    @Test
    void aWrongPasswordSaysHowManyAttemptsAreLeftBeforeAWaitAndHowLongItIs() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String client = "203.0.113.23";
        for (int i = 1; i <= 4; i++) {
            signInFrom(client, f.exam, f.paid, "wrong-" + i)
                    .statusCode(401)
                    .body("type", equalTo(BASE + "invalid-credentials"))
                    .body("attemptsLeft", equalTo(5 - i))
                    .body("waitSeconds", equalTo(60));
        }
        signInFrom(client, f.exam, f.paid, "wrong-5").statusCode(429).body("retryAfterSeconds", equalTo(60));
        clock.advance(Duration.ofSeconds(61));
        // Past the limit each failure waits again, twice as long.
        signInFrom(client, f.exam, f.paid, "wrong-6").statusCode(429).body("retryAfterSeconds", equalTo(120));
    }

    @Test
    void anAdministratorResetsAForgottenPasswordAndTheOldTokensStop() {
        SwitchFixture f = new SwitchFixture(1, 0);
        String old = Api.applicantToken(f.exam, f.paid);
        as(old).get("/api/v1/me").then().statusCode(200);
        String client = "198.51.100.23";
        for (int i = 1; i <= 5; i++) {
            signInFrom(client, f.exam, f.paid, "forgot-" + i);
        }
        signInFrom(client, f.exam, f.paid, Api.PASSWORD).statusCode(429);

        String fresh = admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/password-reset", f.exam, f.paid)
                .then()
                .statusCode(200)
                .body("idNumberMasked", equalTo(IdNumbers.mask(f.paid)))
                .extract()
                .path("temporaryPassword");
        assertEquals(10, fresh.length());

        // Every endpoint of the old token refuses it, the switch's reactive path too.
        as(old).get("/api/v1/me").then().statusCode(401).body("type", equalTo(BASE + "unauthorized"));
        as(old).get("/api/v1/me/switch-options").then().statusCode(401);
        requestSwitch(old, "T-OK").statusCode(401);
        as(old).post("/api/v1/me/refund-request").then().statusCode(401);
        signInFrom(client, f.exam, f.paid, Api.PASSWORD).statusCode(401);
        String token = signInFrom(client, f.exam, f.paid, fresh)
                .statusCode(200)
                .extract()
                .path("accessToken");
        requestSwitch(token, "T-OK").statusCode(201);

        admin().get("/api/v1/admin/audit-events?action=applicant.password-reset&examCode=" + f.exam)
                .then()
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo(Api.ADMIN))
                .body("items[0].subjectId", equalTo(IdNumbers.mask(f.paid)))
                .body(not(containsString(f.paid)))
                .body(not(containsString(fresh)));
        admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/password-reset", f.exam, Api.newIdNumber())
                .then()
                .statusCode(404);
        admin().post("/api/v1/admin/exams/{exam}/applicants/{id}/password-reset", f.exam, "123")
                .then()
                .statusCode(400);
        given().post("/api/v1/admin/exams/{exam}/applicants/{id}/password-reset", f.exam, f.paid)
                .then()
                .statusCode(401);
    }
}
