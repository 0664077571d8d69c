package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.gov.exam.change.support.Api;

/** The staff console's tests: desktop first, and the sign-in every one of them starts with. */
abstract class ConsoleBrowserTestBase extends BrowserTestBase {
    @Override
    int viewportWidth() {
        return 1366;
    }

    @Override
    int viewportHeight() {
        return 768;
    }

    void openConsole(String route) {
        page.navigate("/console/#" + route);
    }

    void typeSignIn(String username, String password) {
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(password);
        page.getByLabel("密码").press("Enter");
    }

    /** Signs in as the bootstrap administrator on the way to {@code route}. */
    void signInAsAdmin(String route) {
        openConsole(route);
        assertThat(h1()).hasText("工作人员登录");
        typeSignIn(Api.ADMIN, Api.ADMIN_PASSWORD);
        assertThat(page.locator("#who")).containsText("考试机构管理员");
    }
}
