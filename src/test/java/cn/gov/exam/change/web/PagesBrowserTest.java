package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Browser;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 11, points 1, 6 and 7: the landing page and exam chooser, the page after the deadline, an
 * expired token and sign-out; where the token lives; the desktop layout; the first page's weight.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class PagesBrowserTest extends BrowserTestBase {

    @Test
    void landingShowsTheNoticeAndASearchableListOfCancelledPositions() {
        openExam(DEMO_EXAM, "/");
        assertThat(h1()).hasText("山西省2023年考试录用公务员（演示）");
        assertThat(page.locator("main")).containsText("35 个职位因缴费人数没有达到开考比例");
        assertThat(page.locator("main"))
                .containsText(java.util.regex.Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d（北京时间）"));
        assertThat(page.locator("main")).containsText("只有报考了被取消职位、并已缴费");
        assertThat(page.locator("#cancelled-count")).hasText("共 35 个职位");
        assertThat(page.locator("main tbody tr")).hasCount(35);
        page.getByLabel("搜索已取消的职位").fill("14000115");
        assertThat(page.locator("#cancelled-count")).hasText("找到 1 个职位（共 35 个）");
        assertThat(page.locator("main tbody tr")).hasCount(1);
        assertThat(page.locator("main tbody tr")).containsText("山西省高级人民法院");
        assertThat(page.locator("main tbody tr")).containsText("2 / 3 人");
        page.getByLabel("搜索已取消的职位").fill("");
        assertNoSidewaysScroll();
        tab.screenshot("landing-390");
        link("登录改报").click();
        assertThat(h1()).hasText("登录");
    }

    @Test
    void withSeveralExamsAChooserAndTheOneSwitchingPreselected() {
        WebFixture w = new WebFixture(0);
        w.timeline(Duration.ofDays(-5), Duration.ofDays(-3)); // this one is over
        // the list as it would be with these two exams only: the demo exam (switching) and w's (closed)
        page.route(url -> url.contains("/api/v1/exams?"), route -> {
            var real = route.fetch();
            route.fulfill(
                    new Route.FulfillOptions().setResponse(real).setBody(onlyExams(real.text(), DEMO_EXAM, w.exam)));
        });
        page.navigate("/");
        assertThat(h1()).hasText("山西省2023年考试录用公务员（演示）");
        link("选择其他考试").click();
        assertThat(h1()).hasText("选择考试");
        assertThat(page.locator("input[type=radio]")).hasCount(2);
        page.getByText("Exam " + w.exam).click();
        button("继续").click();
        assertThat(h1()).hasText("Exam " + w.exam);
        assertThat(page.locator("#phase-note")).containsText("改报和资格审查均已结束");
        assertThat(link("登录查询结果")).isVisible();
    }

    @Test
    void afterTheDeadlineThePageShowsTheReviewAndRefundWithSwitchingClosed() {
        WebFixture w = new WebFixture(1);
        int rejected = w.switchTo(w.paid, "T-OK");
        Api.decide(Api.admin(), rejected, "REJECTED", "学历证书与报考条件不符").statusCode(200);
        w.switchTo(w.others.get(0), "T-MAJOR");
        w.timeline(Duration.ofDays(-3), Duration.ofMinutes(-1));

        signIn(w.exam, w.paid);
        // Issue 23: the state's own message (state.js), not a generic "closed" note.
        assertThat(page.locator("#state")).containsText("资格审查未通过，报名费将退回");
        assertThat(page.locator("main")).containsText("资格审查未通过");
        assertThat(page.locator("main")).containsText("学历证书与报考条件不符");
        assertThat(page.locator(".summary-list--refund")).containsText("已受理，等待退款");
        assertThat(page.locator(".summary-list--refund")).containsText("100.00 元");
        assertThat(page.locator(".summary-list--refund")).containsText("支付宝");
        assertThat(page.locator(".summary-list--refund")).containsText("改报后资格审查未通过");
        assertThat(link("选择改报职位")).hasCount(0);
        assertThat(link("放弃改报，申请退费")).hasCount(0);
        tab.screenshot("after-deadline-390");
        page.navigate("/#/options");
        assertThat(h1()).hasText("我的改报");

        button("退出登录").click();
        signIn(w.exam, w.others.get(0));
        assertThat(page.locator("main")).containsText("待资格审查");
        assertThat(page.locator("#state")).containsText("改报已提交，正在资格审查");
    }

    @Test
    void theCountdownFollowsTheServersClockNotThePhones() {
        WebFixture w = new WebFixture(0);
        // the phone's clock is 36 hours fast: by it, the deadline would be hours away only
        page.clock()
                .setFixedTime(System.currentTimeMillis() + Duration.ofHours(36).toMillis());
        signIn(w.exam, w.paid);
        assertThat(page.locator(".countdown"))
                .containsText(java.util.regex.Pattern.compile("距改报截止还有 2天 [23]小时 \\d\\d分 \\d\\d秒"));
        assertThat(link("选择改报职位")).isVisible();
    }

    @Test
    void whenTheCountdownEndsSwitchingIsVisiblyClosed() {
        WebFixture w = new WebFixture(0);
        page.clock().install();
        signIn(w.exam, w.paid);
        assertThat(link("选择改报职位")).isVisible();
        w.timeline(Duration.ofDays(-3), Duration.ofMinutes(-1)); // the service's deadline passes too
        // the phone's clock jumps past the deadline (the countdown ticks on by itself)
        page.clock()
                .setSystemTime(System.currentTimeMillis()
                        + Duration.ofDays(2).plusHours(4).toMillis());
        assertThat(page.locator("#state")).containsText("改报已截止，您没有改报");
        assertThat(link("选择改报职位")).hasCount(0);
        assertThat(page.locator("main")).containsText("报名费将按原支付渠道自动退回");
    }

    @Test
    void thePagesRunUnderTheContentSecurityPolicyAndAViolationWouldFailTheTests() {
        var response = page.navigate("/?exam=" + DEMO_EXAM + "#/");
        assertEquals(Browser.CSP, response.headers().get("content-security-policy"));
        assertThat(page.locator("#cancelled-count")).isVisible();
        // proof that the policy is enforced and noticed: an inline script is blocked and reported
        Object ran = page.evaluate(
                "() => { const s = document.createElement('script'); "
                        + "s.textContent = 'window.inlineRan = true'; document.head.append(s); return window.inlineRan === true; }");
        assertEquals(false, ran);
        page.waitForCondition(() -> tab.problems.stream().anyMatch(p -> p.contains("CSP violation")));
        tab.problems.clear();
    }

    @Test
    void anExpiredTokenSendsBackToSignInAndSignOutWorks() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        // the token: in sessionStorage only, never localStorage, a cookie or the address
        String token = (String) page.evaluate("sessionStorage.getItem('applicant-token')");
        assertTrue(token != null && token.length() > 20);
        assertEquals(0, ((Number) page.evaluate("localStorage.length")).intValue());
        assertEquals("", page.evaluate("document.cookie"));
        assertEquals(List.of(), tab.context.cookies());
        assertFalse(page.url().contains(token) || page.url().contains(w.paid));

        page.evaluate("sessionStorage.setItem('applicant-token', 'expired.token.value')");
        link("选择改报职位").click();
        assertThat(h1()).hasText("登录");
        assertThat(page.locator(".banner")).containsText("您的登录已过期");
        assertEquals(null, page.evaluate("sessionStorage.getItem('applicant-token')"));

        page.getByLabel("身份证号").fill(w.paid);
        page.getByLabel("密码").fill(PASSWORD);
        button("登录").click();
        assertThat(h1()).hasText("我的改报");
        button("退出登录").click();
        assertThat(page.locator(".banner")).containsText("您已安全退出登录");
        assertEquals(null, page.evaluate("sessionStorage.getItem('applicant-token')"));
        assertThat(button("退出登录")).isHidden();
        page.navigate("/#/me");
        assertThat(h1()).hasText("登录");
        assertThat(page.locator(".banner")).containsText("请先登录");
    }

    @Test
    void desktopLayout() {
        tab.close();
        tab = Browser.open(base.toString(), 1366, 768);
        page = tab.page;
        openExam(DEMO_EXAM, "/");
        assertThat(page.locator("main thead")).isVisible();
        assertNoSidewaysScroll();
        tab.screenshot("landing-1366");
        signIn(DEMO_EXAM, DEMO_PAID);
        tab.screenshot("status-1366");
        link("选择改报职位").click();
        assertThat(page.locator(".position").first()).isVisible();
        assertNoSidewaysScroll();
        tab.screenshot("options-1366");
    }

    @Test
    void theFirstPageWeighsUnder150KilobytesCompressed() throws Exception {
        List<String> assets = new ArrayList<>();
        page.onResponse((Response r) -> {
            String type = r.request().resourceType();
            if (type.equals("script") || type.equals("stylesheet")) {
                assets.add(r.url());
            }
        });
        openExam(DEMO_EXAM, "/");
        assertThat(page.locator("#cancelled-count")).isVisible();
        HttpClient http = HttpClient.newHttpClient();
        long total = 0;
        for (String url : assets) {
            HttpResponse<byte[]> res = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept-Encoding", "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, res.statusCode(), url);
            assertEquals("gzip", res.headers().firstValue("content-encoding").orElse(""), url + " compressed");
            total += res.body().length;
        }
        System.out.printf("First page: %d JS and CSS files, %d bytes gzip-compressed%n", assets.size(), total);
        assertTrue(assets.size() >= 5, "the page's modules: " + assets);
        assertTrue(total < 150 * 1024, "first page JS+CSS " + total + " bytes");
    }

    /** The page of exams reduced to those codes. */
    private static String onlyExams(String page, String... codes) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(page);
            var items = json.createArrayNode();
            tree.get("items").forEach(e -> {
                if (List.of(codes).contains(e.get("code").asText())) {
                    items.add(e);
                }
            });
            tree.set("items", items);
            tree.put("total", items.size());
            return json.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
