package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.credentials.IdNumbers;
import com.microsoft.playwright.Request;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Issue 11, point 2: sign-in, the ID number checked in the page, and every problem explained. */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class SignInBrowserTest extends BrowserTestBase {

    private List<Request> signInRequests() {
        List<Request> sent = new ArrayList<>();
        page.onRequest(r -> {
            if (r.url().contains("/api/v1/auth/applicant-token")) {
                sent.add(r);
            }
        });
        return sent;
    }

    @Test
    void idNumberIsCheckedInThePageBeforeAnythingIsSent() {
        List<Request> sent = signInRequests();
        openExam(DEMO_EXAM, "/sign-in");
        assertThat(h1()).hasText("登录");
        button("登录").click();
        assertThat(errorSummary()).containsText("请输入身份证号");
        assertThat(errorSummary()).containsText("请输入密码");
        // the summary's link takes the applicant to the field
        errorSummary().getByText("请输入身份证号").click();
        assertEquals("id-number", page.evaluate("document.activeElement.id"));
        assertThat(page.locator("#id-number")).hasAttribute("aria-invalid", "true");

        page.getByLabel("密码").fill("whatever");
        page.getByLabel("身份证号").fill("1408021986");
        button("登录").click();
        assertThat(errorSummary()).containsText("身份证号应为 18 位，您输入了 10 位");
        page.getByLabel("身份证号").fill("14080219860101144A");
        button("登录").click();
        assertThat(errorSummary()).containsText("前 17 位应为数字，最后一位为数字或字母 X");
        page.getByLabel("身份证号").fill("140802198601011448");
        button("登录").click();
        assertThat(errorSummary()).containsText("校验位不符");
        assertThat(page.locator("#id-number-error")).containsText("校验位不符");
        screenshot("sign-in-errors-390");
        assertEquals(0, sent.size(), "nothing sent while the ID number is wrong");
    }

    @Test
    void lowerCaseXIsAcceptedAndAWrongPasswordIsExplained() {
        List<Request> sent = signInRequests();
        String id = withCheckDigitX();
        openExam(DEMO_EXAM, "/sign-in");
        page.getByLabel("身份证号").fill(id.toLowerCase());
        page.getByLabel("密码").fill("Wrong@2023");
        button("登录").click();
        assertThat(errorSummary()).containsText("身份证号或密码不正确");
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).postData().contains("\"idNumber\":\"" + id + "\""), "sent with an upper-case X");
        assertThat(page.getByLabel("身份证号")).hasValue(id.toLowerCase());
    }

    @Test
    void anApplicantOfAKeptOrUnpaidPositionIsToldTheRule() {
        openExam(DEMO_EXAM, "/sign-in");
        page.getByLabel("身份证号").fill(DEMO_UNPAID);
        page.getByLabel("密码").fill(PASSWORD);
        button("登录").click();
        assertThat(errorSummary()).containsText("您不能登录本系统");
        assertThat(errorSummary()).containsText("只有报考了被取消职位、并已缴费（或已减免报名费）的考生可以登录");
    }

    @Test
    void lockedAccountShowsTheMinutesLeft() {
        fakeProblem("/api/v1/auth/applicant-token", 429, "account-locked", "\"retryAfterSeconds\":840", "840");
        tryDemoSignIn();
        assertThat(errorSummary()).containsText("需等待 14 分钟后才能再试");
    }

    @Test
    void closedWindowNetworkFailureAndServerErrorAreExplained() {
        fakeProblem("/api/v1/auth/applicant-token", 403, "switch-window-closed", null, null);
        tryDemoSignIn();
        assertThat(errorSummary()).containsText("不能再登录改报");
        assertThat(errorSummary()).containsText("北京时间");

        page.unrouteAll();
        page.route(url -> url.contains("/api/v1/auth/applicant-token"), route -> route.abort("internetdisconnected"));
        button("登录").click();
        assertThat(errorSummary()).containsText("无法连接到服务器。请检查手机网络后重试");

        page.unrouteAll();
        page.route(
                url -> url.contains("/api/v1/auth/applicant-token"),
                route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setStatus(500)
                        .setHeaders(java.util.Map.of("x-request-id", "req-123", "content-type", "text/plain"))
                        .setBody("oops")));
        button("登录").click();
        assertThat(errorSummary()).containsText("系统暂时出现问题，请稍后重试");
        assertThat(errorSummary()).containsText("req-123");
        assertThat(button("登录")).isEnabled();
    }

    private void tryDemoSignIn() {
        openExam(DEMO_EXAM, "/sign-in");
        page.getByLabel("身份证号").fill(DEMO_PAID);
        page.getByLabel("密码").fill(PASSWORD);
        button("登录").click();
    }

    /** A valid ID number that nobody registered with, ending in the check digit X. */
    private static String withCheckDigitX() {
        for (int n = 0; ; n++) {
            String first17 = "11010519900307" + String.format("%03d", n);
            if (String.valueOf(IdNumbers.checkDigit(first17)).equals("X")) {
                return first17 + "X";
            }
        }
    }

    private void screenshot(String name) {
        tab.screenshot(name);
    }
}
