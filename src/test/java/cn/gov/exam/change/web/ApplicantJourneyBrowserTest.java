package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.RegistrationLock;
import com.microsoft.playwright.Locator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Issue 11, points 3–5: 我的改报, switch options, the confirmed switch (exactly once) and declining, on a phone. */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ApplicantJourneyBrowserTest extends BrowserTestBase {
    @Inject
    AgroalDataSource dataSource;

    private Locator card(String code) {
        return page.locator(".position[data-code='" + code + "']");
    }

    private Locator dialog() {
        return page.locator("dialog[open]");
    }

    private void toOptions() {
        link("选择改报职位").click();
        assertThat(h1()).hasText("选择改报职位");
        assertThat(page.locator("#results-count")).containsText("找到");
    }

    @Test
    void statusOptionsConfirmationAndExactlyOneSwitchOnADoubleClick() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        // 3: masked ID, name, the cancelled original position, switches left, a live countdown
        Locator status = page.locator("main");
        assertThat(status).containsText("张三");
        assertThat(status).containsText(w.paid.substring(0, 3));
        assertFalse(page.locator("main").innerText().contains(w.paid), "the ID number is masked");
        assertThat(status).containsText("C1 一级科员");
        assertThat(status).containsText("已取消");
        assertThat(status).containsText("1 次");
        assertThat(page.locator(".countdown")).containsText(Pattern.compile("距改报截止还有 2天 [23]小时 \\d\\d分 \\d\\d秒"));
        String before = page.locator(".countdown__value").innerText();
        page.waitForTimeout(1100);
        assertFalse(before.equals(page.locator(".countdown__value").innerText()), "the countdown runs");
        assertThat(status).containsText("北京时间");
        assertNoSidewaysScroll();
        tab.screenshot("status-390");

        // 4: options with requirements in words and the precheck as a badge
        toOptions();
        assertThat(card("T-OK")).containsText("符合");
        assertThat(card("T-OK")).containsText("本科及以上学历");
        assertThat(card("T-MAJOR")).containsText("需人工审核");
        assertThat(card("T-MAJOR")).containsText("专业：经济学");
        assertThat(card("T-MASTER")).hasCount(0);
        page.getByLabel("只看符合条件的职位").uncheck();
        assertThat(card("T-MASTER")).containsText("不符合：学历、年龄");
        assertThat(card("T-MASTER").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON))
                .hasCount(0);
        page.getByLabel("关键词").fill("信息技术");
        button("查找职位").click();
        assertThat(page.locator("#results-count")).containsText("找到 1 个职位");
        page.getByLabel("关键词").fill("");
        page.getByLabel("招录机关").selectOption("A07");
        assertThat(page.locator(".position")).hasCount(1);
        assertThat(card("T-MAJOR")).isVisible();
        page.getByLabel("招录机关").selectOption("");
        page.getByLabel("只看符合条件的职位").check();
        assertThat(card("T-OK")).isVisible();
        assertThat(page.locator("#results")).not().containsText("null");
        assertNoSidewaysScroll();
        tab.screenshot("options-390");

        // the confirmation: final, counts against the one switch, the fee carries over
        List<String> keys = new ArrayList<>();
        page.onRequest(r -> {
            if (r.url().endsWith("/api/v1/me/switch") && r.method().equals("POST")) {
                keys.add(r.headerValue("idempotency-key"));
            }
        });
        card("T-OK").getByText("选择这个职位").click();
        assertThat(dialog()).containsText("请确认改报");
        assertThat(dialog()).containsText("不能撤回");
        assertThat(dialog()).containsText("只能改报 1 次");
        assertThat(dialog()).containsText("无需重新缴费");
        assertThat(dialog()).containsText("T-OK 一级科员");
        tab.screenshot("confirmation-390", false);
        page.locator("#confirm-switch").dblclick();
        assertThat(h1()).hasText("改报已提交");
        assertThat(page.locator("main")).containsText("T-OK");
        assertThat(page.locator("main")).containsText("北京时间");
        tab.screenshot("switched-390");
        assertEquals(1, w.switches(), "a double click switches once");
        assertFalse(keys.isEmpty());
        assertTrue(
                keys.stream().allMatch(k -> k != null && k.equals(keys.get(0))), "one key per confirmation: " + keys);

        link("查看我的改报").click();
        assertThat(h1()).hasText("我的改报");
        assertThat(page.locator("main")).containsText("待资格审查");
        // Issue 23: no switches-left count once no switch can be made (it said "0 次").
        assertThat(page.locator("main")).not().containsText("剩余改报次数");
        assertThat(link("选择改报职位")).hasCount(0);
        assertThat(page.locator("main")).containsText("审查期间不能再改报其他职位");
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameKeyAndSwitchesOnce() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        toOptions();
        List<String> keys = new ArrayList<>();
        page.route(url -> url.endsWith("/api/v1/me/switch"), route -> {
            keys.add(route.request().headerValue("idempotency-key"));
            if (keys.size() == 1) {
                route.fetch(); // the service switches, but the answer never reaches the phone
                route.abort("connectionreset");
            } else {
                route.resume();
            }
        });
        card("T-OK").getByText("选择这个职位").click();
        page.locator("#confirm-switch").click();
        assertThat(dialog().locator(".error-summary")).containsText("网络中断，暂时不能确认改报是否已提交");
        assertThat(page.locator("#confirm-switch")).hasText("再次确认改报");
        page.locator("#confirm-switch").click();
        assertThat(h1()).hasText("改报已提交");
        assertEquals(2, keys.size());
        assertEquals(keys.get(0), keys.get(1), "the retry reuses the confirmation's key");
        assertEquals(1, w.switches());
    }

    /**
     * Issue 24: the database cannot serve the switch in time (here: the applicant's row held past the
     * server's lock_timeout, a real 503 service-unavailable); the phone says 系统繁忙 with the wait and
     * offers the retry, which switches once.
     */
    @Test
    void aBusyDatabaseIsExplainedAndTheRetrySwitchesOnce() throws Exception {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        toOptions();
        card("T-OK").getByText("选择这个职位").click();
        try (Connection c = dataSource.getConnection()) {
            RegistrationLock.hold(c, w.exam, w.paid);
            page.locator("#confirm-switch").click();
            assertThat(dialog().locator(".error-summary")).containsText("还不能确认改报结果");
            assertThat(dialog().locator(".error-summary")).containsText("系统繁忙，暂时不能确认改报是否已提交");
            assertThat(dialog().locator(".error-summary")).containsText("秒后再点一次「确认改报」");
            assertThat(page.locator("#confirm-switch")).hasText("再次确认改报");
            tab.screenshot("switch-service-unavailable-390", false);
            c.rollback();
        }
        page.locator("#confirm-switch").click();
        assertThat(h1()).hasText("改报已提交");
        assertEquals(1, w.switches());
    }

    @Test
    void switchProblemsAreExplainedNotShownAsCodes() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        toOptions();
        Map<String, String[]> cases = Map.of(
                "requirements-not-met",
                        new String[] {
                            "422", "\"failedRequirements\":[\"MAX_AGE\",\"MIN_EDUCATION\"]", "您不符合这个职位的以下条件：年龄、学历"
                        },
                "position-not-open", new String[] {"409", null, "这个职位已不接受改报"},
                "no-switches-left", new String[] {"409", null, "您已经用完了改报机会"},
                "switch-window-closed", new String[] {"409", null, "改报已于"});
        for (var c : cases.entrySet()) {
            page.unrouteAll();
            fakeProblem("/api/v1/me/switch", Integer.parseInt(c.getValue()[0]), c.getKey(), c.getValue()[1], null);
            card("T-OK").getByText("选择这个职位").click();
            page.locator("#confirm-switch").click();
            Locator summary = dialog().locator(".error-summary");
            assertThat(summary).containsText(c.getValue()[2]);
            assertFalse(summary.innerText().contains(c.getKey()), "no slug shown: " + c.getKey());
            page.locator("#cancel-switch").click();
            assertThat(dialog()).hasCount(0);
        }
        assertEquals(0, w.switches());
    }

    @Test
    void theConfirmationDialogWorksWithTheKeyboardAlone() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        toOptions();
        Locator choose = card("T-OK").getByText("选择这个职位");
        // Tab from the filters until the first position's button has the focus
        page.getByLabel("关键词").focus();
        for (int i = 0;
                i < 20 && !"true".equals(String.valueOf(choose.evaluate("b => b === document.activeElement")));
                i++) {
            page.keyboard().press("Tab");
        }
        assertEquals(true, choose.evaluate("b => b === document.activeElement"), "reached by Tab");
        page.keyboard().press("Enter");
        assertThat(dialog()).isVisible();
        assertEquals(
                true,
                page.evaluate("document.querySelector('dialog[open]').contains(document.activeElement)"),
                "focus moves into the dialog");
        page.keyboard().press("Escape");
        assertThat(dialog()).hasCount(0);
        assertEquals(true, choose.evaluate("b => b === document.activeElement"), "focus returns to the button");
        page.keyboard().press("Enter");
        assertThat(dialog()).isVisible();
        page.keyboard().press("Tab");
        assertEquals("confirm-switch", page.evaluate("document.activeElement.id"));
        page.keyboard().press("Tab");
        assertEquals("cancel-switch", page.evaluate("document.activeElement.id"));
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Enter");
        assertThat(h1()).hasText("改报已提交");
        assertEquals(
                true,
                page.evaluate("document.activeElement === document.querySelector('main h1')"),
                "focus on the confirmation's heading");
        assertEquals(1, w.switches());
    }

    @Test
    void decliningQueuesTheRefundAndShowsIt() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        link("放弃改报，申请退费").click();
        assertThat(h1()).hasText("放弃改报，申请退费");
        assertThat(page.locator("main")).containsText("100.00 元");
        page.locator("#decline").click();
        assertThat(dialog()).containsText("确定放弃改报吗？");
        page.locator("#cancel-decline").click();
        assertThat(dialog()).hasCount(0);
        page.locator("#decline").click();
        page.locator("#confirm-decline").click();
        assertThat(h1()).hasText("退费申请已提交");
        assertThat(page.locator("main")).containsText("已受理，等待退款");
        assertThat(page.locator("main")).containsText("支付宝（原路退回）");
        assertThat(page.locator("main")).containsText("本人放弃改报");
        tab.screenshot("declined-390");
        link("查看我的改报").click();
        assertThat(page.locator(".summary-list--refund")).containsText("100.00 元");
        assertThat(page.locator("main")).containsText("您已放弃改报并申请退费，不能再改报");
        assertThat(link("选择改报职位")).hasCount(0);
        Api.as(Api.applicantToken(w.exam, w.paid))
                .get("/api/v1/me")
                .then()
                .body("refund.reason", org.hamcrest.Matchers.equalTo("DECLINED"));
        assertEquals(0, w.switches());
    }

    @Test
    void optionsArePagedOnTheDemoExam() {
        signIn(DEMO_EXAM, DEMO_PAID);
        toOptions();
        assertThat(page.locator(".position")).hasCount(10);
        assertThat(page.locator(".pagination__info")).containsText("第 1 / ");
        String first = page.locator(".position").first().getAttribute("data-code");
        button("下一页").click();
        assertThat(page.locator(".pagination__info")).containsText("第 2 / ");
        assertNotNull(first);
        assertFalse(first.equals(page.locator(".position").first().getAttribute("data-code")));
        button("上一页").click();
        assertThat(page.locator(".pagination__info")).containsText("第 1 / ");
        assertThat(page.locator(".position").first()).hasAttribute("data-code", first);
    }
}
