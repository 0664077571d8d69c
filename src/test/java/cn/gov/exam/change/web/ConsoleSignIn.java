package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.gov.exam.change.support.Api;
import com.microsoft.playwright.Page;

/** The console's sign-in for a test that opened a phone-sized tab first. */
final class ConsoleSignIn {
    private ConsoleSignIn() {}

    static void asAdmin(Page page, String route) {
        page.navigate("/console/#" + route);
        assertThat(page.locator("main h1")).hasText("工作人员登录");
        page.getByLabel("用户名").fill(Api.ADMIN);
        page.getByLabel("密码").fill(Api.ADMIN_PASSWORD);
        page.getByLabel("密码").press("Enter");
        assertThat(page.locator("#who")).containsText("考试机构管理员");
    }
}
