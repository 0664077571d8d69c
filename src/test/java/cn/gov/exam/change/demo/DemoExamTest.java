package cn.gov.exam.change.demo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static cn.gov.exam.change.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** The test profile loads the demo exam at start, exactly as dev mode does. */
@QuarkusTest
class DemoExamTest {

    @Test
    void theDemoExamCancelsExactly35Positions() {
        given().get("/api/v1/exams/SX-2023-GWY").then().statusCode(200)
                .body("published", equalTo(true)).body("phase", equalTo("SWITCHING"))
                .body("timeZone", equalTo("Asia/Shanghai"));
        given().get("/api/v1/exams/SX-2023-GWY/cancelled-positions").then().statusCode(200)
                .body("count", equalTo(35)).body("positions.size()", equalTo(35));
        given().get("/api/v1/exams/SX-2023-GWY/positions?status=CANCELLED").then().body("total", equalTo(35));
        given().get("/api/v1/exams/SX-2023-GWY/positions?status=REDUCED").then().body("total", greaterThan(0));
        given().get("/api/v1/exams/SX-2023-GWY/positions?size=1").then().body("total", equalTo(400));
        admin().post("/api/v1/admin/exams/SX-2023-GWY/ratio-check").then()
                .body("cancelled", equalTo(35)).body("published", equalTo(true));
    }
}
