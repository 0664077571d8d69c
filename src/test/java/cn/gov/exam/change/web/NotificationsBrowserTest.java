package cn.gov.exam.change.web;

import static cn.gov.exam.change.support.Api.admin;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.gov.exam.change.support.SwitchFixture;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** 我的改报's messages (phone) and the console's 短信通知 page (desktop): masked numbers, a resend. */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class NotificationsBrowserTest extends BrowserTestBase {
    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    @org.junit.jupiter.api.AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void theApplicantReadsTheMessagesOnTheStatusPageNewestFirst() {
        clock.set(SwitchFixture.DURING); // daytime in the switch window: no quiet hours
        SwitchFixture f = new SwitchFixture(1, 0);
        f.switchTo(f.paid, "T-OK");
        signIn(f.exam, f.paid);
        var messages = page.locator("#messages li");
        assertThat(page.locator("#messages-heading")).hasText("我的消息");
        assertThat(messages).hasCount(2);
        assertThat(messages.nth(0)).containsText("改报已提交");
        assertThat(messages.nth(0)).containsText("您改报职位T-OK的申请已提交");
        assertThat(messages.nth(1)).containsText("职位取消");
        assertThat(messages.nth(1)).containsText("您报考的职位C1因未达到开考比例已取消");
        assertNoSidewaysScroll();
        page.locator("#messages-heading").scrollIntoViewIfNeeded();
        tab.screenshot("applicant-messages-390");
    }

    @Test
    void staffSeeCountsAndAnApplicantsMessagesMaskedAndResendAFailedSms() throws Exception {
        // Every pending SMS of earlier tests aside: this test's gateway answers for this exam only.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("update webhook_delivery set status = 'FAILED' where status = 'PENDING'")) {
            ps.executeUpdate();
        }
        admin().get("/api/v1/admin/notification-gateways?size=500")
                .then()
                .statusCode(200)
                .extract()
                .<java.util.List<Integer>>path("items.findAll { it.enabled }.id")
                .forEach(id -> admin().post("/api/v1/admin/notification-gateways/{id}/disable", id));
        try (WebhookReceiver gateway = new WebhookReceiver()) {
            gateway.otherwise(WebhookReceiver.Answer.of(400));
            admin().contentType(ContentType.JSON)
                    .body(Map.of("url", gateway.url()))
                    .post("/api/v1/admin/notification-gateways")
                    .then()
                    .statusCode(201);
            clock.set(SwitchFixture.DURING); // daytime: no quiet hours
            SwitchFixture f = new SwitchFixture(1, 0);
            // Through the whole retry schedule, the clock moved past each wait: the 400s make it FAILED.
            for (int i = 0; i < 6; i++) {
                while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                    // until nothing is due
                }
                clock.advance(java.time.Duration.ofMinutes(2));
            }
            page.setViewportSize(1366, 768);
            ConsoleSignIn.asAdmin(page, "/notifications?exam=" + f.exam);
            assertThat(h1()).hasText("短信通知");
            assertThat(page.locator("table").first()).containsText("职位取消");
            page.getByLabel("考生身份证号").fill(f.paid);
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new com.microsoft.playwright.Page.GetByRoleOptions().setName("筛选"))
                    .click();
            var row = page.locator(".table--notifications tbody tr");
            assertThat(row).hasCount(1);
            assertThat(row).containsText("138****0000");
            assertThat(row).containsText("发送失败");
            assertThat(row).containsText("短信网关返回 400");
            assertFalse(page.content().contains("13800000000"), "the full number is never shown");
            tab.screenshot("console-notifications-1366");

            gateway.otherwise(WebhookReceiver.Answer.of(200));
            row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
            assertThat(page.locator("#flash")).containsText("已重新发送到 138****0000");
            assertThat(row).containsText("待发送");

            // The dashboard counts the affected applicants without a mobile number (none in this exam).
            page.navigate("/console/#/summary?exam=" + f.exam);
            assertThat(h1()).hasText("数据概览");
            assertThat(page.locator(".figure")
                            .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("其中没有手机号码")))
                    .containsText("0");
        } finally {
            admin().get("/api/v1/admin/notification-gateways?size=500")
                    .then()
                    .extract()
                    .<java.util.List<Integer>>path("items.findAll { it.enabled }.id")
                    .forEach(id -> admin().post("/api/v1/admin/notification-gateways/{id}/disable", id));
        }
    }
}
