package cn.gov.exam.change.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.ContractValidation;
import com.atlassian.oai.validator.report.ValidationReport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The contract check of every test (support/ContractValidation) must stay switched on and must
 * report what does not match: otherwise the suite would pass with the document drifting away.
 */
@QuarkusTest
class ContractValidationTest {
    private static Response handcrafted(int status, String contentType, String body) {
        return new ResponseBuilder()
                .setStatusCode(status)
                .setContentType(contentType)
                .setBody(body)
                .build();
    }

    @Test
    void everyRequestPassesTheCheck() {
        assertTrue(ContractValidation.installed(), "the contract filter is not installed for REST Assured");
    }

    @Test
    void aRealAnswerMatches() {
        Response real = given().get("/api/v1/exams/SX-2023-GWY")
                .then()
                .statusCode(200)
                .extract()
                .response();
        ValidationReport report = ContractValidation.check("GET", "/api/v1/exams/SX-2023-GWY", real);
        assertFalse(report.hasErrors(), () -> ContractValidation.describe(report));
    }

    @Test
    void aBodyOfTheWrongShapeIsReported() {
        ValidationReport report = ContractValidation.check(
                "GET",
                "/api/v1/exams/X",
                handcrafted(200, "application/json", "{\"code\": 42, \"maxSwitches\": \"one\"}"));
        assertTrue(report.hasErrors());
        String text = ContractValidation.describe(report);
        assertTrue(text.contains("validation.response.body.schema"), text);
    }

    @Test
    void aNullableReferenceTakesNullButNotAnotherType() {
        String fields = "\"items\": [{\"code\": \"P1\", \"requirements\": {\"politicalStatus\": %s}}], "
                + "\"page\": 0, \"size\": 1, \"total\": 1";
        ValidationReport none = ContractValidation.check(
                "GET",
                "/api/v1/exams/X/positions",
                handcrafted(200, "application/json", "{" + fields.formatted("null") + "}"));
        assertFalse(none.hasErrors(), () -> ContractValidation.describe(none));
        ValidationReport wrong = ContractValidation.check(
                "GET",
                "/api/v1/exams/X/positions",
                handcrafted(200, "application/json", "{" + fields.formatted("\"PIRATE\"") + "}"));
        assertTrue(
                ContractValidation.describe(wrong).contains("validation.response.body.schema.enum"),
                ContractValidation.describe(wrong));
    }

    @Test
    void anUndocumentedStatusIsReported() {
        ValidationReport report = ContractValidation.check(
                "GET", "/api/v1/exams/X", handcrafted(418, "application/problem+json", "{\"status\": 418}"));
        assertTrue(
                ContractValidation.describe(report).contains("validation.response.status.unknown"),
                ContractValidation.describe(report));
    }

    @Test
    void aMismatchFailsTheTestThatMadeTheRequest() {
        // Stands in for the service: the global contract filter runs first and sees this answer.
        Filter wrongAnswer = (request, response, ctx) -> handcrafted(200, "application/json", "{\"code\": 42}");
        AssertionError error = assertThrows(
                AssertionError.class, () -> given().filter(wrongAnswer).get("/api/v1/exams/SX-2023-GWY"));
        assertTrue(error.getMessage().contains("GET /api/v1/exams/SX-2023-GWY -> 200"), error.getMessage());
    }
}
