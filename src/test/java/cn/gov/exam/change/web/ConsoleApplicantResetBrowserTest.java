package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cn.gov.exam.change.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Issue 23 point 2 in the console: an administrator resets an applicant's forgotten password. */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ConsoleApplicantResetBrowserTest extends ConsoleBrowserTestBase {

    @Test
    void anAdministratorResetsAForgottenPasswordAndTheApplicantSignsInWithTheNewOne() {
        WebFixture w = new WebFixture(0);
        String old = Api.applicantToken(w.exam, w.paid);
        signInAsAdmin("/applicants?exam=" + w.exam);
        assertThat(h1()).hasText("考生密码重置");
        page.getByLabel("考生身份证号").fill("123");
        button("重设密码").click();
        assertThat(errorSummary()).containsText("身份证号应为 18 位");

        page.getByLabel("考生身份证号").fill(w.paid);
        button("重设密码").click();
        assertThat(page.locator("dialog[open]")).containsText(w.paid.substring(0, 6) + "********");
        page.locator("#confirm-reset").click();
        assertThat(page.locator("#reset-result")).containsText("密码已重设");
        String fresh = page.locator("#temporary-password").innerText().trim();
        tab.screenshot("console-applicant-reset-1366");

        Api.as(old).get("/api/v1/me").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("examCode", w.exam, "idNumber", w.paid, "password", fresh))
                .post("/api/v1/auth/applicant-token")
                .then()
                .statusCode(200);
        Api.admin()
                .get("/api/v1/admin/audit-events?action=applicant.password-reset&examCode=" + w.exam)
                .then()
                .body("total", equalTo(1));
    }
}
