package cn.gov.exam.change.auth;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Staff sign-in: throttled like applicants', audited, and only for passwords worth the name. */
@QuarkusTest
class StaffSignInTest {
    private static ValidatableResponse create(String username, String password) {
        cn.gov.exam.change.support.Api.ensureAgency("A01", "山西省财政厅");
        return admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", "REVIEWER", "agencyCode", "A01"))
                .post("/api/v1/admin/staff")
                .then();
    }

    private static ValidatableResponse signInFrom(String client, String username, String password) {
        return given().header("X-Forwarded-For", client)
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/staff-token")
                .then();
    }

    @Test
    void failedStaffSignInsAreThrottledPerClientAndAudited() {
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        create(name, "Shanxi#Review2023").statusCode(201);
        String attacker = "203.0.113.77";
        for (int i = 1; i <= 4; i++) {
            signInFrom(attacker, name, "wrong-" + i)
                    .statusCode(401)
                    .body("type", equalTo(BASE + "invalid-credentials"));
        }
        signInFrom(attacker, name, "wrong-5")
                .statusCode(429)
                .body("type", equalTo(BASE + "account-locked"))
                .header("Retry-After", equalTo("60"));
        signInFrom(attacker, name, "Shanxi#Review2023").statusCode(429);
        // The reviewer at the bureau signs in as usual, whatever the case of the name typed.
        signInFrom("198.51.100.30", name.toUpperCase(), "Shanxi#Review2023").statusCode(200);
        admin().get("/api/v1/admin/audit-events?action=staff.sign-in-failed&subject=staff:" + name)
                .then()
                .body("total", equalTo(5))
                .body("items[0].after.client", equalTo(attacker))
                .body("items[0].actor", equalTo("anonymous"));
        admin().get("/api/v1/admin/audit-events?action=staff.sign-in-throttled&subject=staff:" + name)
                .then()
                .body("total", equalTo(1));
        admin().post("/api/v1/admin/staff/{u}/unlock", name)
                .then()
                .statusCode(200)
                .body("cleared", equalTo(1));
        signInFrom(attacker, name, "Shanxi#Review2023").statusCode(200);
        admin().get("/api/v1/admin/audit-events?action=staff.sign-in-unlocked&subject=staff:" + name)
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void staffPasswordsAndUsernamesFollowThePolicy() {
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        create(name, "1234567890").statusCode(400).body("errors.message", hasItem("must be at least 12 characters"));
        create(name, "abcdefghijklmnop")
                .statusCode(400)
                .body("errors.message", hasItem("must mix letters, digits or symbols"));
        create(name, "999999999999")
                .statusCode(400)
                .body("errors.message", hasItem("must mix letters, digits or symbols"));
        create(name, "Password1234").statusCode(400).body("errors.message", hasItem("is too common"));
        create(name, "X" + name.toUpperCase() + "#2023")
                .statusCode(400)
                .body("errors.message", hasItem("must not contain the username"));
        // Names that would pass for another staff member or for another actor of the audit log.
        create("ADMIN", "Shanxi#Review2023").statusCode(409).body("type", equalTo(BASE + "already-exists"));
        create("applicant-145", "Shanxi#Review2023").statusCode(400).body("errors[0].field", equalTo("username"));
        create("System", "Shanxi#Review2023").statusCode(400).body("errors[0].field", equalTo("username"));
        create(name, "Shanxi#Review2023").statusCode(201);
        create(name.toUpperCase(), "Shanxi#Review2023").statusCode(409);
    }

    @Test
    void tokensIssuedBeforeADisableStayDeadAfterTheAccountIsEnabledAgain() {
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        create(name, "Shanxi#Review2023").statusCode(201);
        String old = Api.staffToken(name, "Shanxi#Review2023");
        Api.as(old).get("/api/v1/admin/exams/SX-2023-GWY/reviews").then().statusCode(200);
        admin().post("/api/v1/admin/staff/{u}/disable", name).then().statusCode(200);
        admin().post("/api/v1/admin/staff/{u}/enable", name).then().statusCode(200);
        Api.as(old)
                .get("/api/v1/admin/exams/SX-2023-GWY/reviews")
                .then()
                .statusCode(401)
                .body("type", equalTo(BASE + "unauthorized"));
        Api.as(Api.staffToken(name, "Shanxi#Review2023"))
                .get("/api/v1/admin/exams/SX-2023-GWY/reviews")
                .then()
                .statusCode(200);
    }

    @Test
    void aDisabledAccountsTokenIsRefusedOnANonBlockingEndpointToo() {
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        create(name, "Shanxi#Review2023").statusCode(201);
        String token = Api.staffToken(name, "Shanxi#Review2023");
        // GET /api/v1/admin/session runs on the event loop.
        Api.as(token)
                .get("/api/v1/admin/session")
                .then()
                .statusCode(200)
                .body("username", equalTo(name))
                .body("role", equalTo("REVIEWER"))
                .body("agencyCode", equalTo("A01"));
        admin().post("/api/v1/admin/staff/{u}/disable", name).then().statusCode(200);
        Api.as(token).get("/api/v1/admin/session").then().statusCode(401).body("type", equalTo(BASE + "unauthorized"));
        // Enabled again, the old token stays dead there as well (token generation).
        admin().post("/api/v1/admin/staff/{u}/enable", name).then().statusCode(200);
        Api.as(token).get("/api/v1/admin/session").then().statusCode(401).body("type", equalTo(BASE + "unauthorized"));
        Api.as(Api.staffToken(name, "Shanxi#Review2023"))
                .get("/api/v1/admin/session")
                .then()
                .statusCode(200);
    }
}
