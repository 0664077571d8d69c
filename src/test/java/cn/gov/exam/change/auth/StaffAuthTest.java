package cn.gov.exam.change.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StaffAuthTest {
    @Inject
    StaffAuthService staff;

    @Test
    void bootstrapAdminGetsASignedToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", Api.ADMIN, "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0));
    }

    @Test
    void wrongCredentialsAreRefusedAlike() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", Api.ADMIN, "password", "wrong-password"))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(401)
                .body("type", equalTo(Problems.type("invalid-credentials")));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "nobody", "password", "wrong-password"))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(401)
                .body("type", equalTo(Problems.type("invalid-credentials")));
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "", "password", "x"))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void tokensAreHs256AndOnlyOurKeySignsThem() throws Exception {
        String token = Api.adminToken();
        String header = new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        assertEquals("HS256", new ObjectMapper().readTree(header).get("alg").asText());
        given().header("Authorization", "Bearer " + token)
                .get("/api/v1/admin/audit-events")
                .then()
                .statusCode(200);

        // Well-formed admin claims, signed with another secret, with an RSA key, or not at all.
        Instant now = Instant.now();
        Supplier<JwtClaimsBuilder> adminClaims = () -> Jwt.issuer("https://position-change.example")
                .upn(Api.ADMIN)
                .groups(Set.of(Roles.ADMIN))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
        String otherSecret = adminClaims
                .get()
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .keyId("position-change")
                .signWithSecret("another-secret-of-at-least-32-bytes!!");
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rs256 = adminClaims
                .get()
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId("position-change")
                .sign(rsa.generateKeyPair().getPrivate());
        String unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + rs256.split("\\.")[1] + ".";
        for (String bad : new String[] {otherSecret, rs256, unsigned}) {
            given().header("Authorization", "Bearer " + bad)
                    .get("/api/v1/admin/audit-events")
                    .then()
                    .statusCode(401)
                    .body("type", equalTo(Problems.type("unauthorized")));
        }
    }

    @Test
    void adminEndpointsNeedAnAdminToken() {
        given().post("/api/v1/admin/exams/ANY/ratio-check")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo(Problems.type("unauthorized")));
        given().header("Authorization", "Bearer not.a.token")
                .get("/api/v1/admin/audit-events")
                .then()
                .statusCode(401)
                .body("type", equalTo(Problems.type("unauthorized")));
        // A token signed by someone else is no token.
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJ1cG4iOiJhZG1pbiIsImdyb3VwcyI6WyJBRE1JTiJdfQ.c2lnbmF0dXJl";
        given().header("Authorization", "Bearer " + forged)
                .get("/api/v1/admin/audit-events")
                .then()
                .statusCode(401);

        Api.ensureAgency("A01", "山西省财政厅");
        staff.createIfAbsent("reviewer-auth-a01", "Reviewer@2023", Roles.REVIEWER, "A01");
        String reviewer = Api.staffToken("reviewer-auth-a01", "Reviewer@2023");
        given().header("Authorization", "Bearer " + reviewer)
                .post("/api/v1/admin/exams/ANY/ratio-check/publish")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(Problems.type("forbidden")));
        given().header("Authorization", "Bearer " + reviewer)
                .contentType(ContentType.JSON)
                .body(Api.exam("REV-EXAM", 3, true))
                .post("/api/v1/admin/exams")
                .then()
                .statusCode(403);
    }
}
