package cn.gov.exam.change.staff;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Api.as;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffTest {
    private static io.restassured.response.ValidatableResponse create(Map<String, Object> body) {
        Api.ensureAgency("A01", "山西省财政厅");
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/staff")
                .then();
    }

    @Test
    void accountsFollowThePasswordPolicyAndRoleRules() {
        String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        create(Map.of("username", name, "password", "short", "role", "REVIEWER", "agencyCode", "A01"))
                .statusCode(400)
                .body("errors.field", hasItem("password"));
        create(Map.of("username", name, "password", "xx" + name + "xx!", "role", "REVIEWER", "agencyCode", "A01"))
                .statusCode(400)
                .body("errors[0].message", equalTo("must not contain the username"));
        create(Map.of("username", name, "password", "Long-enough-1", "role", "REVIEWER"))
                .statusCode(400)
                .body("errors[0].field", equalTo("agencyCode"));
        create(Map.of("username", name, "password", "Long-enough-1", "role", "AUDITOR"))
                .statusCode(400)
                .body("errors[0].field", equalTo("role"));
        create(Map.of("username", name, "password", "Long-enough-1", "role", "REVIEWER", "agencyCode", "A01"))
                .statusCode(201)
                .body("role", equalTo("REVIEWER"))
                .body("agencyCode", equalTo("A01"))
                .body("enabled", equalTo(true));
        create(Map.of("username", name, "password", "Long-enough-2", "role", "ADMIN"))
                .statusCode(409)
                .body("type", equalTo(BASE + "already-exists"));
        admin().get("/api/v1/admin/staff?size=500")
                .then()
                .statusCode(200)
                .body("items.username", hasItems("admin", name));
        admin().get("/api/v1/admin/audit-events?action=staff.created&subject=staff:" + name)
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void aDisabledAccountsTokensStopWorkingAtOnce() {
        String name = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        create(Map.of("username", name, "password", "Second-admin-1", "role", "ADMIN"))
                .statusCode(201);
        String token = Api.staffToken(name, "Second-admin-1");
        as(token).get("/api/v1/admin/staff").then().statusCode(200);

        admin().post("/api/v1/admin/staff/{u}/disable", name)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        as(token).get("/api/v1/admin/staff").then().statusCode(401).body("type", equalTo(BASE + "unauthorized"));
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "Second-admin-1"))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(401);

        admin().post("/api/v1/admin/staff/{u}/enable", name)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(true));
        as(token).get("/api/v1/admin/staff").then().statusCode(401);
        as(Api.staffToken(name, "Second-admin-1"))
                .get("/api/v1/admin/staff")
                .then()
                .statusCode(200);
        admin().post("/api/v1/admin/staff/nobody-here/disable").then().statusCode(404);
    }
}
