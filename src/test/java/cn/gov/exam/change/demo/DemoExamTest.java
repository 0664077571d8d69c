package cn.gov.exam.change.demo;

import static cn.gov.exam.change.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test profile loads the demo exam at start, exactly as dev mode does. */
@QuarkusTest
class DemoExamTest {

    @Test
    void theDemoExamCancelsExactly35Positions() {
        given().get("/api/v1/exams/SX-2023-GWY")
                .then()
                .statusCode(200)
                .body("published", equalTo(true))
                .body("phase", equalTo("SWITCHING"))
                .body("timeZone", equalTo("Asia/Shanghai"));
        given().get("/api/v1/exams/SX-2023-GWY/cancelled-positions")
                .then()
                .statusCode(200)
                .body("count", equalTo(35))
                .body("positions.size()", equalTo(35));
        given().get("/api/v1/exams/SX-2023-GWY/positions?status=CANCELLED")
                .then()
                .body("total", equalTo(35));
        given().get("/api/v1/exams/SX-2023-GWY/positions?status=REDUCED").then().body("total", greaterThan(0));
        given().get("/api/v1/exams/SX-2023-GWY/positions?size=1").then().body("total", equalTo(400));
        admin().post("/api/v1/admin/exams/SX-2023-GWY/ratio-check")
                .then()
                .body("cancelled", equalTo(35))
                .body("published", equalTo(true));
    }

    @Test
    void eachAgencyOfTheDemoExamHasADemoReviewer() {
        List<Map<String, Object>> staff = admin().get("/api/v1/admin/staff?size=500")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        List<String> reviewers = staff.stream()
                .filter(s -> s.get("username").toString().matches("reviewer-a\\d\\d"))
                .map(s -> s.get("username") + "/" + s.get("role") + "/" + s.get("agencyCode"))
                .sorted()
                .toList();
        List<String> expected = new java.util.ArrayList<>();
        for (int a = 1; a <= 12; a++) {
            expected.add(String.format("reviewer-a%02d/REVIEWER/A%02d", a, a));
        }
        assertEquals(expected, reviewers);
        String token = Api.staffToken("reviewer-a03", DemoDataLoader.REVIEWER_PASSWORD);
        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/admin/exams/SX-2023-GWY/reviews")
                .then()
                .statusCode(200);
    }
}
