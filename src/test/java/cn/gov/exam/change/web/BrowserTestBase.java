package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Browser;
import cn.gov.exam.change.support.TestClock;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** One tab per test on the running service (phone-sized unless a test opens another), checked for CSP violations. */
abstract class BrowserTestBase {
    static final String DEMO_EXAM = "SX-2023-GWY";
    static final String DEMO_PAID = "140802198601011447";
    static final String DEMO_UNPAID = "140105198601010357";
    static final String PASSWORD = "Demo@2023";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    Browser.Tab tab;
    Page page;

    @BeforeEach
    void openTab() {
        clock.reset();
        tab = Browser.open(base.toString(), viewportWidth(), viewportHeight());
        page = tab.page;
    }

    /** Phone-sized for the applicants' pages; the staff console's tests open a desktop. */
    int viewportWidth() {
        return 390;
    }

    int viewportHeight() {
        return 844;
    }

    @AfterEach
    void closeTab() {
        try {
            assertEquals(List.of(), List.copyOf(tab.problems), "no CSP violation, page error or console error");
        } finally {
            tab.close();
        }
    }

    void openExam(String exam, String route) {
        page.navigate("/?exam=" + exam + "#" + route);
    }

    void signIn(String exam, String idNumber) {
        openExam(exam, "/sign-in");
        page.getByLabel("身份证号").fill(idNumber);
        page.getByLabel("密码").fill(PASSWORD);
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("登录").setExact(true))
                .click();
        assertThat(h1()).hasText("我的改报");
    }

    Locator h1() {
        return page.locator("main h1");
    }

    Locator errorSummary() {
        return page.locator(".error-summary");
    }

    Locator button(String name) {
        return page.getByRole(
                com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator link(String name) {
        return page.getByRole(
                com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Answers requests to the API path (ending) with a problem, as the service would. */
    void fakeProblem(String pathEnd, int status, String slug, String extraJson, String retryAfter) {
        page.route(url -> url.contains(pathEnd), route -> {
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            headers.put("content-type", "application/problem+json");
            if (retryAfter != null) {
                headers.put("retry-after", retryAfter);
            }
            route.fulfill(new Route.FulfillOptions()
                    .setStatus(status)
                    .setHeaders(headers)
                    .setBody("{\"type\":\"https://position-change.example/problems/" + slug
                            + "\",\"title\":\"x\",\"status\":" + status + (extraJson == null ? "" : "," + extraJson)
                            + "}"));
        });
    }

    /** The page fits the viewport's width: nothing to scroll sideways on a phone. */
    void assertNoSidewaysScroll() {
        Object width = page.evaluate("document.documentElement.scrollWidth");
        Object viewport = page.evaluate("window.innerWidth");
        assertEquals(((Number) viewport).intValue(), ((Number) width).intValue(), "no horizontal scrolling");
    }
}
