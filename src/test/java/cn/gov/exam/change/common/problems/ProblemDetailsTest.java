package cn.gov.exam.change.common.problems;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Problems.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every failure is application/problem+json, never a stack trace or an HTML page. */
@QuarkusTest
class ProblemDetailsTest {
    @Test
    void malformedJson() {
        admin().contentType(ContentType.JSON)
                .body("{\"code\": ")
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "malformed-request"))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("requestId", notNullValue())
                .body(not(containsString("at cn.gov")));
        admin().contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .body("type", equalTo(BASE + "malformed-request"));
        admin().contentType(ContentType.JSON)
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownThingsAndAddresses() {
        given().get("/api/v1/exams/NO-SUCH-EXAM")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "not-found"))
                .body("detail", containsString("NO-SUCH-EXAM"));
        given().get("/api/v1/no/such/path").then().statusCode(404).contentType("application/problem+json");
        given().get("/not-even-api").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/exams")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "method-not-allowed"));
    }

    @Test
    void wrongMediaTypes() {
        admin().contentType("text/plain")
                .body("hello")
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "unsupported-media-type"));
        given().accept("application/xml")
                .get("/api/v1/exams")
                .then()
                .statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void overLargeBodies() {
        String big = "{\"username\": \"" + "x".repeat(1_100_000) + "\", \"password\": \"y\"}";
        given().contentType(ContentType.JSON)
                .body(big)
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(BASE + "payload-too-large"));
    }

    @Test
    void requestIdIsEchoed() {
        given().header("X-Request-Id", "trace-123")
                .get("/api/v1/exams/NOPE")
                .then()
                .header("X-Request-Id", equalTo("trace-123"))
                .body("requestId", equalTo("trace-123"));
    }
}
