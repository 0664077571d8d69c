package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 12, the staff console at /console/ on a 1366×768 desktop: staff sign-in and its problems,
 * the role's navigation, an expired token and a 403, and a reviewer's queue run by keyboard alone
 * (approve, reject with a reason, a decision another reviewer took meanwhile, the passed deadline).
 * Each test makes its own exam (WebFixture) and its own reviewer of agency A07 (T-MAJOR's).
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ConsoleBrowserTest extends ConsoleBrowserTestBase {
    static final String REVIEWER_PASSWORD = "Shenhe#2026review";

    /** A fresh REVIEWER of the agency; returns the username. */
    static String newReviewer(String agency) {
        String username = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", username, "password", REVIEWER_PASSWORD, "role", "REVIEWER", "agencyCode", agency))
                .post("/api/v1/admin/staff")
                .then()
                .statusCode(201);
        return username;
    }

    /** The fixture's applicants (the paid one and the others) switched to T-MAJOR, oldest first. */
    static List<Integer> switchesToMajor(WebFixture f) {
        List<Integer> ids = new java.util.ArrayList<>();
        ids.add(f.switchTo(f.paid, "T-MAJOR"));
        for (String other : f.others) {
            ids.add(f.switchTo(other, "T-MAJOR"));
        }
        return ids;
    }

    void signInToQueue(String username, String password, String exam) {
        openConsole("/queue?exam=" + exam);
        assertThat(h1()).hasText("工作人员登录"); // in the queue's place, which follows the sign-in
        typeSignIn(username, password);
        assertThat(h1()).hasText("资格审查");
    }

    Map<String, Object> review(String exam, int id) {
        List<Map<String, Object>> items = Api.admin()
                .get("/api/v1/admin/exams/{exam}/reviews?size=500", exam)
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return items.stream()
                .filter(r -> ((Number) r.get("id")).intValue() == id)
                .findFirst()
                .orElseThrow();
    }

    /** Turns the pages of a list until a button of that name shows. */
    void toPageWith(String buttonName) {
        assertThat(h1()).isVisible();
        for (int n = 1; button(buttonName).count() == 0; n++) {
            link("下一页").click();
            assertThat(page.locator(".pagination__info")).containsText("第 " + (n + 1) + " /");
        }
    }

    @Test
    void staffSignInExplainsEveryProblem() {
        openConsole("/");
        assertThat(h1()).hasText("工作人员登录");
        button("登录").click();
        assertThat(errorSummary()).containsText("请输入用户名");
        assertThat(errorSummary()).containsText("请输入密码");
        errorSummary().getByText("请输入用户名").click();
        assertEquals("username", page.evaluate("document.activeElement.id"));

        typeSignIn(Api.ADMIN, "Wrong@2023password");
        assertThat(errorSummary()).containsText("用户名或密码不正确");
        assertThat(page.getByLabel("密码")).hasValue("");
        tab.screenshot("console-sign-in-error-1366");

        fakeProblem("/api/v1/auth/staff-token", 429, "account-locked", null, "840");
        typeSignIn(Api.ADMIN, "Wrong@2023password");
        assertThat(errorSummary()).containsText("账号已暂时锁定。请在 14 分钟后再试");
        assertNull(page.evaluate("sessionStorage.getItem('staff-token')"), "no token kept");
    }

    @Test
    void navigationFollowsTheRoleAndA403SaysWhatTheRoleMayNotDo() {
        WebFixture f = new WebFixture(0);
        String reviewer = newReviewer("A07");
        signInToQueue(reviewer, REVIEWER_PASSWORD, f.exam);
        assertThat(page.locator("#who")).containsText("招录单位审查人员 · 单位 A07");
        assertThat(page.locator("#nav")).containsText("资格审查");
        assertFalse(page.locator("#nav").textContent().contains("数据概览"), "no admin page in a reviewer's menu");
        // the staff token has a key of its own, never the applicant's
        assertTrue(page.evaluate("sessionStorage.getItem('staff-token')") != null);
        assertNull(page.evaluate("sessionStorage.getItem('applicant-token')"));

        openConsole("/summary?exam=" + f.exam);
        assertThat(h1()).hasText("没有权限");
        assertThat(errorSummary()).containsText("您的账号是招录单位审查人员（单位代码 A07），无权查看考试的数据概览");
        assertThat(errorSummary()).containsText("请联系考试机构管理员");

        button("退出登录").click();
        assertThat(h1()).hasText("工作人员登录");
        assertThat(page.locator("#flash")).containsText("您已安全退出登录");
        assertNull(page.evaluate("sessionStorage.getItem('staff-token')"));
    }

    @Test
    void theAdministratorsMenuFitsOneLineAndSystemManagementLeadsToTheRest() {
        signInAsAdmin("/exams");
        Locator items = page.locator("#nav-list a");
        assertEquals(11, items.count(), items.allTextContents().toString());
        double firstLine = items.first().boundingBox().y;
        for (int i = 0; i < items.count(); i++) {
            assertEquals(
                    firstLine,
                    items.nth(i).boundingBox().y,
                    0.5,
                    "on one line at 1366 px: " + items.nth(i).textContent());
        }
        assertFalse(page.locator("#nav").textContent().contains("招录单位"), "the registry is under 系统管理");

        link("系统管理").click();
        assertThat(h1()).hasText("系统管理");
        assertThat(page.locator("#nav-list a[aria-current=page]")).hasText("系统管理");
        for (String name : List.of("支付系统通知", "短信通知", "招录单位", "工作人员账号", "操作日志", "个人信息清除")) {
            assertThat(page.locator("main")
                            .getByRole(
                                    AriaRole.LINK,
                                    new Locator.GetByRoleOptions().setName(name).setExact(true)))
                    .isVisible();
        }
        tab.screenshot("console-settings-1366");

        page.locator("main")
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("招录单位").setExact(true))
                .click();
        assertThat(h1()).hasText("招录单位");
        // the menu still says where the page is, and the breadcrumbs lead back
        assertThat(page.locator("#nav-list a[aria-current=page]")).hasText("系统管理");
        Locator crumbs = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("所在位置"));
        crumbs.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("系统管理"))
                .click();
        assertThat(h1()).hasText("系统管理");
        assertEquals(0, page.locator("#crumbs nav").count(), "no breadcrumbs on the hub itself");
    }

    @Test
    void anExpiredTokenReturnsToSignInWithAMessage() {
        WebFixture f = new WebFixture(0);
        signInToQueue(Api.ADMIN, Api.ADMIN_PASSWORD, f.exam);
        assertThat(page.locator("#nav")).containsText("数据概览");
        // what the server says of a token past its lifetime
        page.evaluate("sessionStorage.setItem('staff-token', 'eyJhbGciOiJIUzI1NiJ9.eyJncm91cHMiOlsiQURNSU4iXX0.x')");
        link("数据概览").click();
        assertThat(h1()).hasText("工作人员登录");
        assertThat(page.locator("#flash")).containsText("您的登录已过期，请重新登录");
        assertNull(page.evaluate("sessionStorage.getItem('staff-token')"));
    }

    @Test
    void aReviewerWorksThroughTheQueueWithTheKeyboardOnly() {
        WebFixture f = new WebFixture(3);
        List<Integer> ids = switchesToMajor(f);
        String reviewer = newReviewer("A07");
        openConsole("/queue?exam=" + f.exam);
        Keyboard keys = page.keyboard();
        page.getByLabel("用户名").focus();
        keys.type(reviewer);
        keys.press("Tab");
        keys.type(REVIEWER_PASSWORD);
        keys.press("Enter");
        assertThat(h1()).hasText("资格审查");
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（4）");
        assertThat(page.locator("#tab-APPROVED")).hasText("审查通过（0）");
        assertThat(page.locator(".countdown")).containsText("距资格审查截止还有 3天");

        // the first (oldest) review is shown: applicant, position and requirements side by side
        assertThat(page.locator("#review-heading")).containsText("申请改报 T-MAJOR");
        assertThat(page.locator(".review")).containsText("身份证号");
        String masked = f.paid.substring(0, 6) + "********" + f.paid.substring(14);
        assertThat(page.locator(".review")).containsText(masked);
        assertFalse(page.locator(".review").textContent().contains(f.paid), "the full ID number is not shown");
        assertThat(page.locator(".review")).containsText("审查截止时");
        assertThat(page.locator(".table--compare")).containsText("经济学");
        assertThat(page.locator(".compare--manual")).containsText("需人工核实");
        assertThat(page.locator(".compare--pass").first()).containsText("符合");
        tab.screenshot("console-review-1366", false);

        // j moves to the second, a approves it; focus stays in the queue on the next one
        keys.press("j"); // to the queue
        assertThat(page.locator(".queue__item").first()).isFocused();
        keys.press("j");
        assertThat(page.locator(".queue__item").nth(1)).isFocused();
        assertThat(page.locator(".queue__item").nth(1)).hasAttribute("aria-current", "true");
        // a opens a confirmation naming the applicant and the position: Escape cancels, Enter confirms
        keys.press("a");
        var dialog = page.locator("dialog[open]");
        assertThat(dialog).containsText("确认审查通过");
        assertThat(dialog).containsText("T-MAJOR");
        String second = f.others.get(0);
        assertThat(dialog).containsText(second.substring(0, 6) + "********" + second.substring(14));
        assertThat(dialog).containsText("太原市人力资源和社会保障局");
        tab.screenshot("console-approve-confirm-1366", false);
        keys.press("Escape");
        assertThat(page.locator("dialog")).hasCount(0);
        assertEquals("PENDING", review(f.exam, ids.get(1)).get("status"));
        assertThat(page.locator(".queue__item").nth(1)).isFocused();
        keys.press("a");
        assertThat(page.locator("dialog[open]")).isVisible();
        keys.press("Enter");
        assertThat(page.locator(".queue-status")).containsText("已通过");
        assertThat(page.locator("dialog")).hasCount(0);
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（3）");
        assertThat(page.locator("#tab-APPROVED")).hasText("审查通过（1）");
        assertEquals("APPROVED", review(f.exam, ids.get(1)).get("status"));
        assertThat(page.locator(".queue__item").nth(1)).isFocused();

        // k back to the first, r rejects: a reason is required, then chosen by its number
        keys.press("k");
        assertThat(page.locator(".queue__item").first()).isFocused();
        keys.press("r");
        assertThat(page.locator("#reason-0")).isFocused();
        tab.screenshot("console-reject-1366", false);
        keys.press("Enter");
        assertThat(errorSummary()).containsText("请选择或填写不通过的原因");
        assertThat(errorSummary()).isFocused();
        keys.press("Tab");
        keys.press("Enter"); // the summary's link goes to the first reason
        assertThat(page.locator("#reason-0")).isFocused();
        keys.press("3");
        assertThat(page.locator("#reason-2")).isChecked();
        keys.press("Enter");
        assertThat(page.locator(".queue-status")).containsText("审查为不通过");
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（2）");
        assertThat(page.locator("#tab-REJECTED")).hasText("审查未通过（1）");
        Map<String, Object> rejected = review(f.exam, ids.get(0));
        assertEquals("REJECTED", rejected.get("status"));
        assertEquals("所学专业不符合职位要求", rejected.get("reason"));
        assertEquals(reviewer, rejected.get("reviewer"));

        // meanwhile another reviewer (here the admin, through the API) decides the one on screen
        assertThat(page.locator(".queue__item").first()).isFocused();
        Api.decide(Api.admin(), ids.get(2), "APPROVED", null).statusCode(200);
        keys.press("a");
        keys.press("Enter");
        assertThat(page.locator(".review .error-summary")).containsText("已由其他审查人员作出决定");
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（1）");
        assertThat(page.locator("#tab-APPROVED")).hasText("审查通过（2）");
        assertThat(page.locator(".queue__item")).hasCount(1);

        // the decided ones are under their tabs, with the reviewer and the reason
        page.locator("#tab-REJECTED").focus();
        keys.press("Enter");
        assertThat(page.locator(".review")).containsText("所学专业不符合职位要求");
        assertThat(page.locator(".review")).containsText(reviewer);
        assertThat(page.locator("#approve")).hasCount(0);
    }

    @Test
    void aPassedReviewDeadlineIsExplainedAndTheRowRefreshed() {
        WebFixture f = new WebFixture(0);
        int id = f.switchTo(f.paid, "T-MAJOR");
        String reviewer = newReviewer("A07");
        signInToQueue(reviewer, REVIEWER_PASSWORD, f.exam);
        fakeProblem("/api/v1/admin/reviews/" + id + "/decision", 409, "review-deadline-passed", null, null);
        button("通过").click();
        button("确认通过").click();
        assertThat(page.locator(".review .error-summary")).containsText("资格审查已于");
        assertThat(page.locator(".review .error-summary")).containsText("审查人员不能再作出决定");
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（1）");
        assertEquals("PENDING", review(f.exam, id).get("status"));

        // usable on a tablet: the queue and the review stack, nothing to scroll sideways
        page.setViewportSize(768, 1024);
        assertThat(button("通过")).isVisible();
        assertNoSidewaysScroll();
        tab.screenshot("console-review-768");
    }

    @Test
    void anAdministratorSeesTheSummaryAsNumbers() {
        WebFixture f = new WebFixture(1);
        int first = f.switchTo(f.paid, "T-MAJOR");
        f.switchTo(f.others.get(0), "T-OK");
        Api.decide(Api.admin(), first, "REJECTED", "户籍不符合职位要求").statusCode(200);
        signInToQueue(Api.ADMIN, Api.ADMIN_PASSWORD, f.exam);
        assertThat(page.locator(".caption")).containsText("全部招录单位");
        assertThat(page.locator("#tab-PENDING")).hasText("待审查（1）");
        link("数据概览").click();
        assertThat(h1()).hasText("数据概览");
        assertThat(page.locator(".figure", new com.microsoft.playwright.Page.LocatorOptions().setHasText("已改报")))
                .containsText("2");
        assertThat(page.locator(".figure", new com.microsoft.playwright.Page.LocatorOptions().setHasText("待审查")))
                .containsText("1");
        assertThat(page.locator(".figure", new com.microsoft.playwright.Page.LocatorOptions().setHasText("审查未通过")))
                .containsText("1");
    }

    @Test
    void anAdministratorChecksTheRatioPlanAndPublishesItBehindAConfirmation() {
        String exam = Api.newExamCode("CON");
        Api.createExam(exam, 3, true);
        // C1 (quota 1, ratio 100) is cancelled, R2 (quota 2, 3 applicants) reduced to 1, K1 kept
        Api.importPositions(
                exam, List.of(Api.position("C1", 1, 100), Api.position("R2", 2, null), Api.position("K1", 1, null)));
        List<Map<String, Object>> regs = new java.util.ArrayList<>(Api.registrations("C1", "PAID", 2));
        regs.addAll(Api.registrations("R2", "PAID", 3));
        regs.addAll(Api.registrations("K1", "PAID", 3));
        Api.importRegistrations(exam, regs);

        signInToQueue(Api.ADMIN, Api.ADMIN_PASSWORD, exam);
        link("开考比例核查").click();
        assertThat(h1()).hasText("开考比例核查");
        assertThat(page.locator(".inset")).containsText("未发布");
        assertThat(page.locator(".figure", new com.microsoft.playwright.Page.LocatorOptions().setHasText("取消")))
                .containsText("1");
        assertThat(page.locator(".table--plan tbody tr")).hasCount(3);
        // totals: 8 confirmed, 100 + 6 + 3 required, quotas 4 → 2
        assertThat(page.locator(".table--plan tfoot")).containsText("8");
        assertThat(page.locator(".table--plan tfoot")).containsText("109");
        tab.screenshot("console-ratio-1366");

        page.getByLabel("核查结果").selectOption("REDUCE");
        button("筛选").click();
        assertThat(page.locator(".table--plan tbody tr")).hasCount(1);
        assertThat(page.locator(".table--plan tbody")).containsText("R2");
        assertThat(page.locator(".table--plan caption")).containsText("1 个职位（已筛选）");

        button("发布核查结果").click();
        assertThat(page.locator("dialog")).containsText("将取消 1 个职位，核减 1 个职位的计划数，保留 1 个职位（共 3 个职位）");
        button("取消").click();
        assertThat(page.locator("dialog")).hasCount(0);
        assertEquals(
                false,
                Api.admin().get("/api/v1/exams/{exam}", exam).then().extract().path("published"));
        button("发布核查结果").click();
        button("确认发布").click();
        assertThat(page.locator("#flash")).containsText("开考比例核查结果已发布");
        assertThat(page.locator(".inset")).containsText("核查结果已发布");
        assertThat(button("发布核查结果")).hasCount(0);
        assertEquals(
                true,
                Api.admin().get("/api/v1/exams/{exam}", exam).then().extract().path("published"));
    }

    @Test
    void anAdministratorListsRefundsByStatusAndRequeueExplainsARefusal() {
        WebFixture f = new WebFixture(0);
        Api.as(Api.applicantToken(f.exam, f.paid))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        signInToQueue(Api.ADMIN, Api.ADMIN_PASSWORD, f.exam);
        link("退费").click();
        assertThat(h1()).hasText("退费");
        assertThat(page.locator(".table--refunds caption")).hasText("共 1 笔退费");
        String masked = Api.admin()
                .get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .extract()
                .path("items[0].idNumberMasked");
        int id = Api.admin()
                .get("/api/v1/admin/exams/{exam}/refunds", f.exam)
                .then()
                .extract()
                .path("items[0].id");
        assertThat(page.locator(".table--refunds tbody")).containsText(masked);
        assertThat(page.locator(".table--refunds tbody")).containsText("本人放弃改报");
        assertThat(page.locator(".table--refunds tbody")).containsText("支付宝");
        assertThat(page.locator("#confirm-requeue")).hasCount(0);

        page.getByLabel("退费状态").selectOption("SUCCEEDED");
        button("筛选").click();
        assertThat(page.locator("main")).containsText("没有符合条件的退费");

        // a FAILED one (the list faked: a real failure needs a payment system's callback) is offered
        // for requeue; the service refuses this QUEUED refund, and the page says why
        page.route(
                url -> url.contains("/refunds?status=FAILED"),
                route -> route.fulfill(
                        new com.microsoft.playwright.Route.FulfillOptions()
                                .setStatus(200)
                                .setContentType("application/json")
                                .setBody(
                                        "{\"items\":[{\"id\":" + id + ",\"idNumberMasked\":\"" + masked
                                                + "\",\"reason\":\"DECLINED\","
                                                + "\"status\":\"FAILED\",\"amount\":\"100.00\",\"currency\":\"CNY\",\"channel\":\"ALIPAY\","
                                                + "\"originalTransactionId\":\"T1\",\"failureReason\":\"账户已注销\"}],\"page\":0,\"size\":50,\"total\":1}")));
        page.getByLabel("退费状态").selectOption("FAILED");
        button("筛选").click();
        assertThat(page.locator(".table--refunds tbody")).containsText("账户已注销");
        button("重新发起退费 " + id).click();
        assertThat(page.locator("dialog")).containsText("将向支付宝重新发送退费指令");
        button("重新发起退费").click();
        assertThat(page.locator("dialog .error-summary")).containsText("不是“退费失败”状态，不能重新发起");
        button("取消").click();
        tab.screenshot("console-refunds-1366");
    }

    @Test
    void anAdministratorCreatesAReviewerAndDisablesAndEnablesTheAccount() {
        String username = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        WebFixture f = new WebFixture(0);
        signInToQueue(Api.ADMIN, Api.ADMIN_PASSWORD, f.exam);
        link("系统管理").click();
        link("工作人员账号").click();
        assertThat(h1()).hasText("工作人员账号");
        button("创建审查人员账号").click();
        assertThat(errorSummary()).containsText("请输入用户名");
        assertThat(errorSummary()).containsText("请输入招录单位代码");

        page.getByLabel("用户名").fill(username);
        page.getByLabel("招录单位代码").fill("A07");
        page.getByLabel("初始密码").fill(username + "Ab#12345"); // contains the username: refused by the policy
        button("创建审查人员账号").click();
        assertThat(errorSummary()).containsText("初始密码不符合要求");
        assertThat(page.locator("#new-password")).hasAttribute("aria-invalid", "true");

        page.getByLabel("初始密码").fill(REVIEWER_PASSWORD);
        button("创建审查人员账号").click();
        assertThat(page.locator("#flash")).containsText("已创建审查人员账号 " + username + "（单位 A07）");
        Api.staffToken(username, REVIEWER_PASSWORD);

        page.getByLabel("用户名").fill(username.toUpperCase());
        page.getByLabel("招录单位代码").fill("A07");
        page.getByLabel("初始密码").fill(REVIEWER_PASSWORD);
        button("创建审查人员账号").click();
        assertThat(errorSummary()).containsText("这个用户名已被使用");

        // the accounts list is paged from the server; the new one may be on a later page
        toPageWith("停用账号 " + username);
        button("停用账号 " + username).click();
        assertThat(page.locator("#flash")).containsText("已停用账号 " + username);
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", REVIEWER_PASSWORD))
                .post("/api/v1/auth/staff-token")
                .then()
                .statusCode(401);
        toPageWith("启用账号 " + username);
        tab.screenshot("console-staff-1366");
        button("启用账号 " + username).click();
        assertThat(page.locator("#flash")).containsText("已启用账号 " + username);
        Api.staffToken(username, REVIEWER_PASSWORD);
    }
}
