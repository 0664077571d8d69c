package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 23 point 2 on a phone: the help contact on the landing and sign-in pages, 忘记密码, and a
 * wrong password that says how many attempts are left before a wait and how long the wait is.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class HelpBrowserTest extends BrowserTestBase {
    private static final String HELP = "0351-1234567（工作日 8:30–17:30）";

    private void tryPassword(String idNumber, String password) {
        page.getByLabel("身份证号").fill(idNumber);
        page.getByLabel("密码", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true))
                .fill(password);
        button("登录").click();
    }

    @Test
    void theHelpContactIsOnTheLandingAndSignInAndAForgottenPasswordHasAWayOut() {
        WebFixture w = new WebFixture(0);
        // A client address of this test's own (the service trusts the test's proxy header).
        page.setExtraHTTPHeaders(Map.of("X-Forwarded-For", "192.0.2.123"));
        openExam(w.exam, "/");
        assertThat(page.locator("#help")).containsText(HELP);
        tab.screenshot("landing-help-390");

        openExam(w.exam, "/sign-in");
        assertThat(h1()).hasText("登录");
        assertThat(page.locator("#help")).containsText(HELP);
        page.getByText("忘记密码").click();
        assertThat(page.locator("#forgot-password")).containsText("请致电考试机构：" + HELP);
        assertThat(page.locator("#forgot-password")).containsText("身份证");
        tab.screenshot("sign-in-forgot-390");

        tryPassword(w.paid, "wrong-1");
        assertThat(errorSummary()).containsText("您还可以再试 4 次；4 次都输错后，需等待 1 分钟才能再试。");
        tryPassword(w.paid, "wrong-2");
        assertThat(errorSummary()).containsText("您还可以再试 3 次");
        tryPassword(w.paid, "wrong-3");
        assertThat(errorSummary()).containsText("您还可以再试 2 次");
        tryPassword(w.paid, "wrong-4");
        assertThat(errorSummary()).containsText("再输错 1 次，需等待 1 分钟后才能再试。");
        tryPassword(w.paid, "wrong-5");
        assertThat(errorSummary()).containsText("需等待 1 分钟后才能再试");
        assertThat(errorSummary()).containsText("如果忘记了密码，请致电考试机构：" + HELP);
        assertNoSidewaysScroll();
        tab.screenshot("sign-in-lockout-390");
    }
}
