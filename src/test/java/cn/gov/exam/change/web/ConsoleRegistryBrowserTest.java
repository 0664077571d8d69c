package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.support.WebhookReceiver.Answer;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import com.microsoft.playwright.Download;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 23, the staff console's points 5 to 8 at 1366×768: the agencies registry and reviewer
 * accounts that name one of its agencies; an administrator's correction of a decision; a refund
 * whose delivery fails, in 退费 and on the dashboard;
 * the import templates, the allowed values beside the upload, Chinese labels in a CSV and a refused
 * row that names its CSV column.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ConsoleRegistryBrowserTest extends ConsoleBrowserTestBase {
    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    @Test
    void agenciesAreARegistryAndReviewerAccountsNameOneOfThem() {
        String code = "G" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        signInAsAdmin("/agencies");
        assertThat(h1()).hasText("招录单位");
        page.getByLabel("单位代码").fill(code.toLowerCase());
        page.getByLabel("单位名称", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true))
                .fill("晋中市统计局");
        button("新增招录单位").click();
        assertThat(page.locator("#flash")).containsText("已将 " + code + "（晋中市统计局）加入招录单位名录");
        page.getByLabel("按代码或名称查找").fill(code.toLowerCase());
        button("筛选").click();
        assertThat(page.locator(".table--agencies tbody tr")).hasCount(1);
        button("修改 " + code + " 的名称").click();
        page.locator("dialog [name=agency-new-name]").fill("晋中市统计局（更名）");
        button("保存名称").click();
        assertThat(page.locator("#flash")).containsText("已将 " + code + " 的名称改为“晋中市统计局（更名）”");
        assertThat(page.locator(".table--agencies tbody")).containsText("晋中市统计局（更名）");
        tab.screenshot("console-agencies-1366");

        // a reviewer of an unknown agency is refused with a message, not created to see an empty queue
        String username = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        page.navigate("/console/#/staff");
        assertThat(h1()).hasText("工作人员账号");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("招录单位代码").fill("Z" + code);
        page.getByLabel("初始密码").fill("Shenhe#2026review");
        button("创建审查人员账号").click();
        assertThat(errorSummary()).containsText("单位代码 Z" + code + " 不在招录单位名录中");
        assertEquals(
                404,
                Api.admin()
                        .contentType(ContentType.JSON)
                        .body(Map.of("enabled", false))
                        .patch("/api/v1/admin/staff/{u}", username)
                        .then()
                        .extract()
                        .statusCode(),
                "not created");
        // typed in lower case, stored in the registry's form
        page.getByLabel("招录单位代码").fill(code.toLowerCase());
        page.getByLabel("初始密码").fill("Shenhe#2026review");
        button("创建审查人员账号").click();
        assertThat(page.locator("#flash")).containsText("已创建审查人员账号 " + username + "（单位 " + code + "）");

        // the reviewer's agency is edited: an unknown code is refused in the dialog, a known one saved
        Api.ensureAgency("A07", "太原市人力资源和社会保障局");
        page.navigate("/console/#/staff?page=0");
        for (int n = 1; button("修改账号 " + username + " 的所属单位").count() == 0; n++) {
            link("下一页").click();
            assertThat(page.locator(".pagination__info")).containsText("第 " + (n + 1) + " /");
        }
        button("修改账号 " + username + " 的所属单位").click();
        page.locator("dialog [name=agency-change]").fill("nope");
        button("保存").click();
        assertThat(page.locator("dialog .error-summary")).containsText("单位代码 nope 不在招录单位名录中");
        page.locator("dialog [name=agency-change]").fill("a07");
        tab.screenshot("console-staff-agency-1366", false);
        button("保存").click();
        assertThat(page.locator("#flash")).containsText("已将 " + username + " 的所属单位改为 A07");
        assertEquals(
                "A07",
                Api.admin()
                        .contentType(ContentType.JSON)
                        .body(Map.of())
                        .patch("/api/v1/admin/staff/{u}", username)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("agencyCode"));
    }

    @Test
    void aRefundWhoseDeliveryFailsShowsItIn退费AndOnTheDashboard() throws Exception {
        // other tests' subscriptions and messages are not this test's business
        sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
        sql("update webhook_subscription set enabled = false");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.otherwise(Answer.of(500));
            Api.admin()
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "channels", List.of("ALIPAY")))
                    .post("/api/v1/admin/webhook-subscriptions")
                    .then()
                    .statusCode(201);
            WebFixture f = new WebFixture(0);
            Api.as(Api.applicantToken(f.exam, f.paid))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/me/refund-request")
                    .then()
                    .statusCode(201);
            while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                // until nothing is due: one attempt, answered 500
            }
            assertEquals(1, receiver.received().size());

            signInAsAdmin("/summary?exam=" + f.exam);
            assertThat(h1()).hasText("数据概览");
            assertThat(page.locator(
                            ".figure", new com.microsoft.playwright.Page.LocatorOptions().setHasText("退费发送有问题")))
                    .containsText("1");
            link("查看发送有问题的退费（1 笔）").click();
            assertThat(h1()).hasText("退费");
            assertThat(page.locator(".table--refunds caption")).hasText("共 1 笔退费（发送有问题）");
            var row = page.locator(".table--refunds tbody tr").first();
            assertThat(row).containsText("发送有问题");
            assertThat(row).containsText("支付系统返回错误（HTTP 500）");
            assertThat(row).containsText("已尝试 1 次");
            assertThat(row).containsText("下次尝试：");
            tab.screenshot("console-refund-delivery-1366");
        } finally {
            sql("update webhook_subscription set enabled = false");
        }
    }

    @Test
    void anAdministratorCorrectsAStrayApprovalBeforeTheDeadline() {
        WebFixture f = new WebFixture(0);
        int id = f.switchTo(f.paid, "T-MAJOR");
        Api.decide(Api.admin(), id, "APPROVED", null).statusCode(200);
        signInAsAdmin("/queue?exam=" + f.exam + "&status=APPROVED");
        assertThat(page.locator("#review-heading")).containsText("申请改报 T-MAJOR");
        button("更正审查结果").click();
        assertThat(page.locator("dialog")).containsText("更正为“审查未通过”");
        button("确认更正").click();
        assertThat(page.locator("dialog .error-summary")).containsText("请填写不通过的原因");
        assertThat(page.locator("dialog .error-summary")).containsText("请填写更正的原因");
        page.locator("dialog [name=correction-decision-reason]").fill("所学专业不符合职位要求");
        page.locator("dialog [name=correction-reason]").fill("审查人员误按通过");
        tab.screenshot("console-correction-1366", false);
        button("确认更正").click();
        assertThat(page.locator(".queue-status")).containsText("已更正");
        assertThat(page.locator("#tab-REJECTED")).hasText("审查未通过（1）");
        assertEquals(
                "REJECTED",
                Api.admin()
                        .get("/api/v1/admin/exams/{e}/reviews?status=REJECTED", f.exam)
                        .then()
                        .extract()
                        .path("items[0].status"));
        assertEquals(
                "审查人员误按通过",
                Api.admin()
                        .get("/api/v1/admin/audit-events?action=review.corrected&subject=switch:" + id)
                        .then()
                        .extract()
                        .path("items[0].after.correctionReason"));
    }

    @Test
    void importsComeWithTemplatesAndTheirAllowedValues() throws Exception {
        String exam = Api.newExamCode("TPL");
        Api.createExam(exam, 3, true);
        signInAsAdmin("/imports?exam=" + exam);
        assertThat(h1()).hasText("导入数据");
        for (String allowed : List.of("本科（BACHELOR）", "中共党员（含预备党员）（CPC_MEMBER）", "是 / 否")) {
            assertThat(page.locator("#positions-allowed")).containsText(allowed);
        }
        for (String allowed : List.of(
                "已缴费（PAID）",
                "免缴费（WAIVED）",
                "未缴费（UNPAID）",
                "支付宝（ALIPAY）",
                "微信支付（WECHAT）",
                "银联（UNIONPAY）",
                "1990-01-31",
                "2023-01-10T10:00:00+08:00")) {
            assertThat(page.locator("#registrations-allowed")).containsText(allowed);
        }
        tab.screenshot("console-import-templates-1366");

        // the templates hold a header and one example row (in Chinese labels), which import as they are
        Download positions =
                page.waitForDownload(() -> page.locator("#positions-template").click());
        byte[] positionsCsv = Files.readAllBytes(positions.path());
        assertEquals(1, Csv.parse(positionsCsv).size());
        assertEquals("本科", Csv.parse(positionsCsv).get(0).get("minEducation"));
        // uploaded as saved, under the name the console gave it
        assertEquals("职位表模板.csv", positions.suggestedFilename());
        page.locator("#positions-file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        positions.suggestedFilename(), "text/csv", positionsCsv));
        page.locator("#positions-upload").click();
        assertThat(page.locator("#positions-imported")).containsText("共 1 条，新增 1 条");
        Download registrations = page.waitForDownload(
                () -> page.locator("#registrations-template").click());
        byte[] registrationsCsv = Files.readAllBytes(registrations.path());
        assertEquals(1, Csv.parse(registrationsCsv).size());
        assertEquals("已缴费", Csv.parse(registrationsCsv).get(0).get("fee.status"));
        page.locator("#registrations-file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        registrations.suggestedFilename(), "text/csv", registrationsCsv));
        page.locator("#registrations-upload").click();
        assertThat(page.locator("#registrations-imported")).containsText("共 1 条，新增 1 条");
        Map<String, Object> position = Api.admin()
                .get("/api/v1/exams/{e}/positions", exam)
                .then()
                .extract()
                .path("items[0]");
        assertEquals("BACHELOR", ((Map<?, ?>) position.get("requirements")).get("minEducation"));
        assertEquals(true, ((Map<?, ?>) position.get("requirements")).get("degreeRequired"));

        // a refused row names the CSV column (minEducation), not the JSON path (requirements.minEducation)
        page.locator("#positions-file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload(
                        "bad.csv",
                        "text/csv",
                        ("code,agencyCode,agencyName,employer,title,quota,minEducation\n"
                                        + "X1,A01,山西省财政厅,机关,科员,1,小学\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.locator("#positions-upload").click();
        var bad = page.locator("#positions-rejected tbody tr").first();
        assertThat(bad.locator("td").nth(1)).hasText("minEducation");
        assertThat(bad).containsText("BACHELOR (本科)");
    }
}
