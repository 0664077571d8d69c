package cn.gov.exam.change.common.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security headers, set in one place (application.properties) for every response. */
@QuarkusTest
class SecurityHeadersTest {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static ValidatableResponse everywhere(ValidatableResponse r) {
        return r.header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void publicApiResponsesMayBeCachedButNotSniffedOrFramed() {
        everywhere(given().get("/api/v1/exams").then().statusCode(200))
                .header("Cache-Control", nullValue())
                .header("Content-Security-Policy", nullValue());
        everywhere(given().get("/api/v1/exams/NOPE").then().statusCode(404))
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void tokensPersonalDataAndAdminResponsesAreNeverStored() {
        everywhere(given().contentType(ContentType.JSON)
                        .body(Map.of("username", Api.ADMIN, "password", Api.ADMIN_PASSWORD))
                        .post("/api/v1/auth/staff-token")
                        .then()
                        .statusCode(200))
                .header("Cache-Control", equalTo("no-store"));
        everywhere(given().contentType(ContentType.JSON)
                        .body(Map.of("username", Api.ADMIN, "password", "wrong"))
                        .post("/api/v1/auth/staff-token")
                        .then()
                        .statusCode(401))
                .header("Cache-Control", equalTo("no-store"));
        everywhere(given().get("/api/v1/me").then().statusCode(401)).header("Cache-Control", equalTo("no-store"));
        everywhere(given().get("/api/v1/me/switch-options").then().statusCode(401))
                .header("Cache-Control", equalTo("no-store"));
        everywhere(Api.admin().get("/api/v1/admin/audit-events").then().statusCode(200))
                .header("Cache-Control", equalTo("no-store"))
                .header("Content-Security-Policy", nullValue());
        everywhere(Api.admin().get("/api/v1/admin/staff").then().statusCode(200))
                .header("Cache-Control", equalTo("no-store"));
        // Only the exact prefixes: /api/v1/members would not be personal data of a signed-in applicant.
        given().get("/api/v1/members").then().header("Cache-Control", nullValue());
    }

    @Test
    void pagesGetAContentSecurityPolicyAndSwaggerUiDoesNot() {
        everywhere(given().get("/").then()).header("Content-Security-Policy", equalTo(CSP));
        everywhere(given().get("/applicant/index.html").then()).header("Content-Security-Policy", equalTo(CSP));
        everywhere(given().get("/q/swagger-ui/").then().statusCode(200)).header("Content-Security-Policy", nullValue());
        given().get("/apiary").then().header("Content-Security-Policy", equalTo(CSP));
    }
}
