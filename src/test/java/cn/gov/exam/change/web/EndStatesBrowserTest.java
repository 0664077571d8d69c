package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import cn.gov.exam.change.refund.RefundService;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Sql;
import com.microsoft.playwright.Locator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 23 points 1, 3 and 4 on a phone: 我的改报 in each end state, from the real API and database
 * (states.js decides the words, ApplicantStatesBrowserTest holds it to every state); the pages after
 * a switch or a decline survive a reload with their reference; Back and Forward close dialogs; the
 * options say what the filter hides and leave out the position that said no.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class EndStatesBrowserTest extends BrowserTestBase {
    private static final String HELP = "0351-1234567（工作日 8:30–17:30）";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RefundService refunds;

    private Locator state() {
        return page.locator("#state");
    }

    private Locator main() {
        return page.locator("main");
    }

    private Locator dialog() {
        return page.locator("dialog[open]");
    }

    private void signOut() {
        page.locator("#sign-out").click();
        assertThat(page.locator("#sign-out")).isHidden();
    }

    /** Nothing that only makes sense while a switch can still be made. */
    private void noSwitchingLeft() {
        assertThat(main()).not().containsText("剩余改报次数");
        assertThat(page.locator(".countdown")).hasCount(0);
        assertThat(link("选择改报职位")).hasCount(0);
        assertThat(link("放弃改报，申请退费")).hasCount(0);
    }

    @Test
    void pendingThenApprovedEachSaySoWithTheReferenceAndTheHelpContact() {
        WebFixture w = new WebFixture(0);
        int id = w.switchTo(w.paid, "T-OK");
        signIn(w.exam, w.paid);
        assertThat(state()).containsText("改报已提交，正在资格审查");
        assertThat(state()).containsText("T-OK 一级科员");
        assertThat(page.locator(".summary-list--switch")).containsText("改报编号" + id);
        assertThat(page.locator("#help")).containsText(HELP);
        noSwitchingLeft();
        assertNoSidewaysScroll();
        tab.screenshot("end-pending-390");

        Api.decide(Api.admin(), id, "APPROVED", null).statusCode(200);
        page.reload();
        assertThat(state()).containsText("资格审查已通过");
        assertThat(state()).containsText("请按考试公告参加后续考试");
        noSwitchingLeft();
        tab.screenshot("end-approved-390");
    }

    @Test
    void rejectedWithASwitchLeftMaySwitchAgainButNotBackToThePositionThatSaidNo() {
        WebFixture w = new WebFixture(0, 2);
        int id = w.switchTo(w.paid, "T-OK");
        Api.decide(Api.admin(), id, "REJECTED", "专业不符").statusCode(200);
        signIn(w.exam, w.paid);
        assertThat(state()).containsText("资格审查未通过，您还可以再改报");
        assertThat(state()).containsText("专业不符");
        assertThat(main()).containsText("剩余改报次数");
        assertThat(page.locator(".countdown")).isVisible();
        tab.screenshot("end-rejected-switch-left-390");

        link("选择改报职位").click();
        assertThat(page.locator("#results-count")).containsText("找到 1 个职位");
        assertThat(page.locator(".position[data-code='T-OK']")).hasCount(0);
        assertThat(page.locator("#results-rejected")).containsText("T-OK");
        // T-MASTER and K1 (age, by the real clock) fail the applicant's precheck: hidden, and said so.
        assertThat(page.locator("#results-hidden")).containsText("另有 2 个职位您不符合报考条件，已隐藏");
        // One label per outcome: T-MAJOR is left to the reviewer, and says which requirement.
        Locator major = page.locator(".position[data-code='T-MAJOR']");
        assertThat(major).containsText("需人工审核");
        assertThat(major).containsText("由招录机关审核：专业");
        assertThat(major).not().containsText("需人工确认");
        tab.screenshot("options-hidden-390");
        page.getByLabel("只看符合条件的职位").uncheck();
        assertThat(page.locator("#results-count")).containsText("找到 3 个职位");
        assertThat(page.locator("#results-hidden")).isHidden();
        assertThat(page.locator(".position[data-code='T-OK']")).hasCount(0);
    }

    @Test
    void rejectedWithNoneLeftIsToldOfTheRefundAndItsChannelOrThatAWaivedFeeOwesNothing() {
        WebFixture w = new WebFixture(0);
        Api.decide(Api.admin(), w.switchTo(w.paid, "T-OK"), "REJECTED", "专业不符").statusCode(200);
        Api.decide(Api.admin(), w.switchTo(w.waived, "T-OK"), "REJECTED", "专业不符")
                .statusCode(200);

        signIn(w.exam, w.paid);
        assertThat(state()).containsText("资格审查未通过，报名费将退回");
        assertThat(state()).containsText("支付宝");
        assertThat(state()).not().containsText("放弃");
        assertThat(page.locator(".summary-list--refund")).containsText("退费编号");
        assertThat(page.locator(".summary-list--refund")).containsText("改报后资格审查未通过");
        noSwitchingLeft();
        tab.screenshot("end-rejected-refund-390");
        signOut();

        signIn(w.exam, w.waived);
        assertThat(state()).containsText("资格审查未通过");
        assertThat(state()).containsText("您的报名费已减免，没有需要退回的费用");
        assertThat(state()).containsText(HELP);
        assertThat(page.locator(".summary-list--refund")).hasCount(0);
        noSwitchingLeft();
        tab.screenshot("end-rejected-waived-390");
    }

    @Test
    void afterTheDeadlineWithoutASwitchTheRefundAndEachStepOfItShow() throws SQLException {
        WebFixture w = new WebFixture(0);
        w.timeline(Duration.ofDays(-3), Duration.ofHours(-1));
        signIn(w.exam, w.paid);
        assertThat(state()).containsText("改报已截止，您没有改报");
        assertThat(state()).containsText("自动退回");
        noSwitchingLeft();

        refunds.decideAtDeadline(examId(w.exam));
        page.reload();
        assertThat(state()).containsText("退费已受理");
        assertThat(state()).containsText("支付宝");
        assertThat(page.locator(".summary-list--refund")).containsText("未改报");
        tab.screenshot("end-closed-390");

        // The payment system's steps, as its webhook delivery and callback record them.
        long refund = refundOf(w.exam);
        sql("update refund set status = 'SENT', updated_at = now() where id = ?", refund);
        page.reload();
        assertThat(state()).containsText("退款已提交给支付宝，正在处理");
        tab.screenshot("end-refund-sent-390");
        sql(
                "update refund set status = 'SUCCEEDED', channel_refund_id = 'R-1', updated_at = now() where id = ?",
                refund);
        page.reload();
        assertThat(state()).containsText("已退回您的支付宝账户");
        tab.screenshot("end-refund-succeeded-390");
        sql(
                "update refund set status = 'FAILED', failure_reason = 'account closed', updated_at = now() where id = ?",
                refund);
        page.reload();
        assertThat(state()).containsText("退款没有成功");
        assertThat(state()).containsText("退费编号 " + refund);
        assertThat(state()).containsText(HELP);
        tab.screenshot("end-refund-failed-390");
        signOut();

        signIn(w.exam, w.waived);
        assertThat(state()).containsText("您的报名费已减免，没有需要退回的费用");
        noSwitchingLeft();
        tab.screenshot("end-closed-waived-390");
    }

    @Test
    void theSwitchConfirmationSurvivesAReloadAndBackClosesTheDialog() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        link("选择改报职位").click();
        assertThat(page.locator("#results-count")).containsText("找到");
        page.locator(".position[data-code='T-OK']").getByText("选择这个职位").click();
        assertThat(dialog()).isVisible();
        // Back leaves the options page: its dialog goes with it; Forward brings the page back, no dialog.
        page.goBack();
        assertThat(h1()).hasText("我的改报");
        assertThat(dialog()).hasCount(0);
        page.goForward();
        assertThat(h1()).hasText("选择改报职位");
        assertThat(dialog()).hasCount(0);

        page.locator(".position[data-code='T-OK']").getByText("选择这个职位").click();
        page.locator("#confirm-switch").click();
        assertThat(h1()).hasText("改报已提交");
        int id = Api.admin()
                .get("/api/v1/admin/exams/{exam}/reviews", w.exam)
                .then()
                .extract()
                .path("items[0].id");
        assertThat(page.locator("#reference")).hasText("改报编号：" + id);
        page.reload();
        assertThat(h1()).hasText("改报已提交");
        assertThat(page.locator("#reference")).hasText("改报编号：" + id);
        assertThat(main()).containsText("T-OK");
        assertThat(page.locator("#help")).containsText(HELP);
        tab.screenshot("switched-reloaded-390");
    }

    @Test
    void theDeclineConfirmationSurvivesAReloadAndBackClosesTheDialog() {
        WebFixture w = new WebFixture(0);
        signIn(w.exam, w.paid);
        link("放弃改报，申请退费").click();
        page.locator("#decline").click();
        assertThat(dialog()).isVisible();
        page.goBack();
        assertThat(h1()).hasText("我的改报");
        assertThat(dialog()).hasCount(0);
        page.goForward();
        assertThat(h1()).hasText("放弃改报，申请退费");
        assertThat(dialog()).hasCount(0);

        page.locator("#decline").click();
        page.locator("#confirm-decline").click();
        assertThat(h1()).hasText("退费申请已提交");
        int id = Api.admin()
                .get("/api/v1/admin/exams/{exam}/refunds", w.exam)
                .then()
                .extract()
                .path("items[0].id");
        assertThat(page.locator("#reference")).hasText("退费编号：" + id);
        page.reload();
        assertThat(h1()).hasText("退费申请已提交");
        assertThat(page.locator("#reference")).hasText("退费编号：" + id);
        assertThat(state()).containsText("您已放弃改报");
        tab.screenshot("declined-reloaded-390");
        link("查看我的改报").click();
        assertThat(state()).containsText("您已放弃改报");
        noSwitchingLeft();
        tab.screenshot("end-declined-390");
    }

    private long examId(String code) throws SQLException {
        return Sql.number(dataSource, "select id from exam where code = ?", code);
    }

    private long refundOf(String exam) {
        return ((Number) Api.admin()
                        .get("/api/v1/admin/exams/{exam}/refunds", exam)
                        .then()
                        .extract()
                        .path("items[0].id"))
                .longValue();
    }

    private void sql(String statement, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
