package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 回执核验 in the console: the full record behind a code. */
@QuarkusTest
class ConsoleReceiptBrowserTest extends ConsoleBrowserTestBase {
    @BeforeEach
    void needsChromium() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Browser.available(), Browser.INSTALL);
    }

    @Test
    void anAdministratorSeesTheFullRecordBehindACode() {
        WebFixture f = new WebFixture(0);
        int s = Api.switchTo(f.exam, f.paid, "T-OK");
        Api.decide(Api.admin(), s, "APPROVED", "材料齐全").statusCode(200);
        String submitted = Api.as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .extract()
                .path("receipts[0].code");
        signInAsAdmin("/receipts");
        assertThat(h1()).hasText("回执核验");
        page.getByLabel("核验码").fill(submitted.toLowerCase());
        button("核验").click();
        assertThat(page.locator("#record")).containsText("改报申请回执 " + submitted);
        assertThat(page.locator("#record")).containsText("已被之后的决定取代：资格审查结果回执");
        assertThat(page.locator("#record")).containsText("张三");
        assertThat(page.locator("#record")).containsText(String.valueOf(s));
        assertThat(page.locator("#record")).containsText("审查通过");
        assertThat(page.locator("#record table tbody tr")).hasCount(2);
        tab.screenshot("console-receipt-1366");
        // A mistyped code is told as such.
        page.getByLabel("核验码").fill("2222-2222-2222-2223");
        button("核验").click();
        assertThat(errorSummary()).containsText("核验码有误");
    }
}
