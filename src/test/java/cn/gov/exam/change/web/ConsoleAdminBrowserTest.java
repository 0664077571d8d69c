package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.Labels;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.ExportFixture;
import cn.gov.exam.change.support.WebhookReceiver;
import cn.gov.exam.change.webhook.WebhookDispatcher;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.options.FilePayload;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 12, the administrator's pages of the staff console at 1366×768: an exam set up from scratch
 * (created, a file with one bad row refused and shown, the good files imported, the dry run
 * published), the dashboard's charts against GET …/summary, a payment system's subscription (the
 * secret shown once) and a delivery replayed, and the four CSV exports downloaded through the
 * console and parsed.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ConsoleAdminBrowserTest extends ConsoleBrowserTestBase {
    private static final String POSITIONS_HEADER = "code,agencyCode,agencyName,employer,title,quota,ratio,minEducation,"
            + "degreeRequired,majors,maxAge,politicalStatus,minGrassrootsYears,householdRegion\n";

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    void upload(String inputId, String name, String mime, String content) {
        page.locator("#" + inputId)
                .setInputFiles(new FilePayload(name, mime, content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAdministratorSetsUpAnExamFromScratch() throws Exception {
        String exam = Api.newExamCode("NEW");
        signInAsAdmin("/exams");
        assertThat(h1()).hasText("考试");
        page.locator("#new-exam").click();
        assertThat(h1()).hasText("新建考试");
        button("继续").click();
        assertThat(errorSummary()).containsText("请输入考试名称");
        assertThat(errorSummary()).containsText("请填写改报截止时间");
        page.getByLabel("考试代码").fill(exam);
        page.getByLabel("考试名称").fill("山西省2024年考试录用公务员");
        page.getByLabel("报名费（元）").fill("100.00");
        page.getByLabel("短信签名").fill("【山西省人事考试中心】");
        page.getByLabel("改报开始时间").fill("2031-01-14T09:00");
        page.getByLabel("改报截止时间").fill("2031-01-13T12:00"); // before the start: refused in the form
        page.getByLabel("资格审查截止时间").fill("2031-01-17T12:00");
        button("继续").click();
        assertThat(errorSummary()).containsText("改报截止时间应晚于改报开始时间");
        assertThat(errorSummary()).containsText("短信签名最多 12 个字，不带括号");
        assertThat(page.locator("#timeline-zone")).containsText("北京时间（UTC+08:00）");
        page.getByLabel("改报截止时间").fill("2031-01-16T12:00");
        page.getByLabel("短信签名").fill("山西省人事考试中心");
        button("继续").click();

        assertThat(h1()).hasText("请核对考试信息");
        assertThat(page.locator(".summary-list")).containsText("2031年1月16日 12:00（北京时间）");
        assertThat(page.locator(".summary-list"))
                .containsText("北京时间（UTC+08:00）"); // the zone's row gives its offset, once
        assertFalse(
                page.locator(".summary-list").textContent().contains("（北京时间），UTC"), "no second offset after （北京时间）");
        assertThat(page.locator(".summary-list")).containsText("3:1");
        assertThat(page.locator(".summary-list")).containsText("【山西省人事考试中心】");
        tab.screenshot("console-exam-check-1366");
        button("创建考试").click();
        assertThat(page.locator(".panel__title")).hasText("考试已创建");
        Map<String, Object> created = Api.admin()
                .get("/api/v1/exams/{exam}", exam)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertEquals("2031-01-16T12:00:00+08:00", created.get("switchDeadline"));
        assertEquals("100.00", created.get("feeAmount"));
        assertEquals("山西省人事考试中心", created.get("smsSignature"));

        // positions: a file with one bad row is refused whole, and the page shows the row
        link("导入职位和报名数据").click();
        assertThat(h1()).hasText("导入数据");
        String good = "C1,A01,山西省财政厅,财政厅机关,一级科员,1,100,,,,,,,\n"
                + "K1,A01,山西省财政厅,财政厅机关,二级科员,1,,,,,,,,\n"
                + "T1,A07,太原市人力资源和社会保障局,局机关,科员,2,,BACHELOR,,,,,,\n";
        upload(
                "positions-file",
                "positions.csv",
                "text/csv",
                POSITIONS_HEADER + good + "B1,A01,山西省财政厅,机关,科员,many,,,,,,,,\n");
        page.locator("#positions-upload").click();
        assertThat(page.locator("#positions-rejected .error-summary")).containsText("文件未导入：发现 1 处错误");
        assertThat(page.locator("#positions-rejected")).containsText("一条也没有导入");
        assertThat(page.locator("#positions-rejected tbody tr")).hasCount(1);
        assertThat(page.locator("#positions-rejected tbody tr td").first()).hasText("4");
        assertThat(page.locator("#positions-rejected tbody")).containsText("quota");
        assertThat(page.locator("#positions-rejected tbody")).containsText("应为整数");
        tab.screenshot("console-import-rejected-1366");
        assertEquals(
                0,
                (int) Api.admin()
                        .get("/api/v1/exams/{exam}/positions", exam)
                        .then()
                        .extract()
                        .path("total"),
                "nothing of the refused file was imported");

        upload("positions-file", "positions.csv", "text/csv", POSITIONS_HEADER + good);
        page.locator("#positions-upload").click();
        assertThat(page.locator("#positions-imported")).containsText("共 3 条，新增 3 条，更新 0 条");
        assertThat(page.locator("#positions-progress")).hasAttribute("value", "100");

        List<Map<String, Object>> regs = new ArrayList<>(Api.registrations("C1", "PAID", 2));
        regs.addAll(Api.registrations("K1", "PAID", 3));
        regs.addAll(Api.registrations("T1", "PAID", 6));
        upload(
                "registrations-file",
                "registrations.json",
                "application/json",
                new ObjectMapper().writeValueAsString(regs));
        page.locator("#registrations-upload").click();
        assertThat(page.locator("#registrations-imported")).containsText("共 11 条，新增 11 条");

        // the dry run, then publish behind the confirmation
        link("导入完成后，进行开考比例核查").click();
        assertThat(h1()).hasText("开考比例核查");
        assertThat(page.locator(".table--plan tbody tr")).hasCount(3);
        button("发布核查结果").click();
        assertThat(page.locator("dialog")).containsText("将取消 1 个职位，核减 0 个职位的计划数，保留 2 个职位（共 3 个职位）");
        button("确认发布").click();
        assertThat(page.locator(".inset")).containsText("核查结果已发布");
        assertEquals(
                true,
                Api.admin().get("/api/v1/exams/{exam}", exam).then().extract().path("published"));

        // the timeline is still edited in the exam's zone once published
        page.navigate("/console/#/exams/edit?exam=" + exam);
        assertThat(h1()).hasText("修改考试时间安排");
        assertThat(page.getByLabel("改报截止时间")).hasValue("2031-01-16T12:00");
        // issue 23 point 10: the published plan is not offered for editing, nor the check suggested again
        button("继续").click();
        assertThat(h1()).hasText("请核对修改后的时间安排");
        assertThat(page.locator(".summary-list")).containsText("核查结果已发布，不能修改");
        assertThat(page.getByLabel("修改开考比例（X:1）")).hasCount(0);
        assertThat(page.getByLabel("修改改报截止时间")).hasCount(1);
        assertFalse(page.locator(".summary-list").textContent().contains("（北京时间），UTC"), "no second offset");
        tab.screenshot("console-exam-published-check-1366");
        button("保存修改").click();
        assertThat(page.locator(".panel__title")).hasText("时间安排已保存");
        assertThat(link("查看已发布的开考比例核查结果")).isVisible();
        assertFalse(
                page.locator("main").textContent().contains("进行开考比例核查"), "the published check is not suggested again");
        page.navigate("/console/#/exams");
        assertThat(page.getByLabel(exam + " 的开考比例核查结果")).hasText("查看核查结果");
        page.navigate("/console/#/exams/edit?exam=" + exam);
        assertThat(h1()).hasText("修改考试时间安排");
        assertThat(page.getByLabel("开考比例（X:1）")).isDisabled();
        page.getByLabel("资格审查截止时间").fill("2031-01-18T18:30");
        // the exam's own signature, cleared: its SMS go out under the default again
        assertThat(page.getByLabel("短信签名")).hasValue("山西省人事考试中心");
        page.getByLabel("短信签名").fill("");
        button("继续").click();
        assertThat(page.locator(".summary-list")).containsText("系统默认签名");
        button("保存修改").click();
        assertThat(page.locator(".panel__title")).hasText("时间安排已保存");
        Map<String, Object> edited =
                Api.admin().get("/api/v1/exams/{exam}", exam).then().extract().path("");
        assertEquals("2031-01-18T18:30:00+08:00", edited.get("reviewDeadline"));
        assertNull(edited.get("smsSignature"));
    }

    @Test
    void theDashboardsChartsShowTheSummarysNumbers() {
        WebFixture f = new WebFixture(2);
        int first = f.switchTo(f.paid, "T-MAJOR");
        f.switchTo(f.others.get(0), "T-OK");
        Api.decide(Api.admin(), first, "REJECTED", "户籍不符合职位要求").statusCode(200);
        Api.as(Api.applicantToken(f.exam, f.others.get(1)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/me/refund-request")
                .then()
                .statusCode(201);
        Map<String, Object> s = Api.admin()
                .get("/api/v1/admin/exams/{exam}/summary", f.exam)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        @SuppressWarnings("unchecked")
        Map<String, Integer> reviews = (Map<String, Integer>) s.get("reviews");
        @SuppressWarnings("unchecked")
        Map<String, Integer> positions = (Map<String, Integer>) s.get("positions");

        signInAsAdmin("/summary?exam=" + f.exam);
        assertThat(h1()).hasText("数据概览");
        assertThat(page.locator("#chart-agencies canvas")).hasCount(1);
        assertEquals(
                List.of(reviews.get("pending"), reviews.get("approved"), reviews.get("rejected")),
                chartValues("chart-reviews", 0));
        assertEquals(
                List.of(positions.get("open"), positions.get("reduced"), positions.get("cancelled")),
                chartValues("chart-positions", 0));
        @SuppressWarnings("unchecked")
        Map<String, Integer> byReason = (Map<String, Integer>) s.get("refundsByReason");
        @SuppressWarnings("unchecked")
        Map<String, Integer> byStatus = (Map<String, Integer>) s.get("refunds");
        // the rejection left no switch (REVIEW_REJECTED), and one applicant declined
        assertEquals(
                List.of(0, 1, 1),
                List.of(byReason.get("NOT_SWITCHED"), byReason.get("REVIEW_REJECTED"), byReason.get("DECLINED")));
        assertEquals(
                List.of(0, 1, 1), chartValues("chart-refund-reasons", 0), "NOT_SWITCHED, REVIEW_REJECTED, DECLINED");
        assertEquals(
                List.of(
                        byStatus.get("QUEUED"),
                        byStatus.get("SENT"),
                        byStatus.get("SUCCEEDED"),
                        byStatus.get("FAILED")),
                chartValues("chart-refund-status", 0));
        // by agency: A01 (T-OK) one pending; A07 (T-MAJOR) one rejected
        assertEquals(List.of(1, 0), chartValues("chart-agencies", 0), "pending by agency");
        assertEquals(List.of(0, 1), chartValues("chart-agencies", 2), "rejected by agency");
        // the text alternative holds the same numbers
        assertThat(page.locator("#chart-reviews-table tbody tr").nth(0))
                .containsText(String.valueOf(reviews.get("pending")));
        assertThat(page.locator("#chart-agencies-table tbody")).containsText("太原市人力资源和社会保障局（A07）");
        assertThat(page.locator("#chart-refund-status-table tbody tr").first())
                .containsText(String.valueOf(byStatus.get("QUEUED")));
        tab.screenshot("console-dashboard-1366");

        // refreshed on demand: a decision made meanwhile shows after 刷新数据
        int second = ((Number) Api.admin()
                        .get("/api/v1/admin/exams/{exam}/reviews?status=PENDING", f.exam)
                        .then()
                        .extract()
                        .path("items[0].id"))
                .intValue();
        Api.decide(Api.admin(), second, "APPROVED", null).statusCode(200);
        button("刷新数据").click();
        assertThat(page.locator("#chart-reviews-table tbody tr").nth(1)).containsText("1");
        assertEquals(List.of(0, 1, 1), chartValues("chart-reviews", 0));

        page.setViewportSize(768, 1024);
        tab.screenshot("console-dashboard-768");
        assertNoSidewaysScroll();
    }

    /** The values of one series of a chart, read from its ECharts instance (the app's own copy of the library). */
    @SuppressWarnings("unchecked")
    List<Integer> chartValues(String id, int series) {
        page.waitForFunction(
                "id => { const c = document.getElementById(id); return c && c.querySelector('canvas'); }", id);
        List<Object> values = (List<Object>) page.evaluate(
                "async ([id, series]) => {"
                        + " const echarts = await import(location.origin + '/_static/echarts/6.0.0/dist/echarts.esm.min.js');"
                        + " const chart = echarts.getInstanceByDom(document.getElementById(id));"
                        + " return chart.getOption().series[series].data.map(d => typeof d === 'object' ? d.value : d); }",
                List.of(id, series));
        return values.stream().map(v -> ((Number) v).intValue()).toList();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    @Test
    void aPaymentSystemIsSubscribedWithItsSecretShownOnceAndADeliveryReplayed() throws Exception {
        // other tests' subscriptions and messages are not this test's business
        sql("update webhook_delivery set status = 'FAILED' where status = 'PENDING'");
        sql("update webhook_subscription set enabled = false");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            tab.context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            signInAsAdmin("/webhooks");
            assertThat(h1()).hasText("支付系统通知");
            page.locator("#new-subscription").click();
            button("创建订阅").click();
            assertThat(errorSummary()).containsText("请输入接收地址");
            assertThat(errorSummary()).containsText("请至少选择一个支付渠道");
            page.getByLabel("接收地址（URL）").fill(receiver.url());
            page.getByLabel("支付宝").check();
            button("创建订阅").click();
            assertThat(page.locator(".panel__title")).hasText("订阅已创建");
            String secret = page.locator("#secret").inputValue();
            assertTrue(secret.startsWith("whsec_"), secret);
            button("复制密钥").click();
            assertThat(page.locator(".copy__status")).hasText("已复制到剪贴板。");
            assertEquals(secret, page.evaluate("navigator.clipboard.readText()"));
            tab.screenshot("console-secret-1366");
            page.locator("#secret-done").click();
            assertThat(page.locator(".table--webhooks tbody")).containsText(receiver.url());
            assertTrue(!page.content().contains(secret), "the secret is shown once only");

            // a second receiver of the same channel is refused, and the page says which one has it
            int id = ((Number) Api.admin()
                            .get("/api/v1/admin/webhook-subscriptions?size=500")
                            .then()
                            .extract()
                            .path("items.find { it.enabled }.id"))
                    .intValue();
            page.locator("#new-subscription").click();
            page.getByLabel("接收地址（URL）").fill(receiver.url() + "/other");
            page.getByLabel("支付宝").check();
            button("创建订阅").click();
            assertThat(errorSummary()).containsText("支付宝渠道已由订阅 #" + id + " 接收");

            // a refund is delivered, then replayed from the console
            WebFixture f = new WebFixture(0);
            Api.as(Api.applicantToken(f.exam, f.paid))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/me/refund-request")
                    .then()
                    .statusCode(201);
            while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                // until nothing is due
            }
            assertEquals(1, receiver.received().size());
            page.navigate("/console/#/webhooks/deliveries?id=" + id);
            assertThat(h1()).hasText("订阅 #" + id + " 的投递记录");
            assertThat(page.locator(".table--deliveries tbody tr")).hasCount(1);
            assertThat(page.locator(".table--deliveries tbody")).containsText("已送达");
            page.locator(".details__summary").first().click();
            assertThat(page.locator(".attempts")).containsText("HTTP 200");
            int delivery = ((Number) Api.admin()
                            .get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", id)
                            .then()
                            .extract()
                            .path("items[0].id"))
                    .intValue();
            button("重新发送通知 " + delivery).click();
            assertThat(page.locator("dialog")).containsText("webhook-id 不变");
            button("重新发送").click();
            assertThat(page.locator("#flash")).containsText("已安排重新发送通知");
            assertThat(page.locator(".table--deliveries tbody")).containsText("待发送");
            tab.screenshot("console-deliveries-1366");
            assertEquals(
                    "PENDING",
                    Api.admin()
                            .get("/api/v1/admin/webhook-subscriptions/{id}/deliveries", id)
                            .then()
                            .extract()
                            .path("items[0].status"));
            while (dispatcher.dispatchOnce(WebhookDispatcher.INSTANCE) > 0) {
                // the replay goes out with the same webhook-id
            }
            assertEquals(2, receiver.received().size());
            assertEquals(
                    receiver.received().get(0).id(), receiver.received().get(1).id());
        } finally {
            sql("update webhook_subscription set enabled = false");
        }
    }

    /** The JSON items and the rows of the export for people: each JSON field against its Chinese column (and label table). */
    static void assertSameHumanRows(
            List<Map<String, Object>> items, List<Map<String, String>> rows, Map<String, String[]> columns) {
        assertEquals(items.size(), rows.size(), "as many rows as the JSON list");
        for (int i = 0; i < items.size(); i++) {
            for (Map.Entry<String, String[]> c : columns.entrySet()) {
                Object v = items.get(i).get(c.getKey());
                String expected =
                        v == null ? "" : c.getValue()[1] == null ? String.valueOf(v) : Labels.label(c.getValue()[1], v);
                if (!expected.isEmpty() && "=+-@\t\r".indexOf(expected.charAt(0)) >= 0) {
                    expected = "'" + expected; // a formula neutralised
                }
                assertEquals(expected, rows.get(i).get(c.getValue()[0]), "row " + i + ", " + c.getValue()[0]);
            }
        }
    }

    /** Clicks the page's export button and returns the saved file's bytes and name. */
    Download export(String label) {
        return page.waitForDownload(() -> button(label).click());
    }

    byte[] bytes(Download d) throws Exception {
        return Files.readAllBytes(d.path());
    }

    @Test
    void eachExportIsDownloadedThroughTheConsoleWithTheFilters() throws Exception {
        clock.set(ExportFixture.DURING);
        ExportFixture f = new ExportFixture();
        clock.reset(); // the console's token must be valid by the browser's clock

        // review results of agency A01: the rejection's reason holds a comma, quotes and a leading "-"
        signInAsAdmin("/reviews?exam=" + f.exam + "&agency=A01");
        assertThat(h1()).hasText("审查情况");
        assertThat(page.locator(".table--reviews tbody tr")).hasCount(2);
        Download d = export("导出审查结果（CSV）");
        assertTrue(
                d.suggestedFilename().endsWith(".csv") && d.suggestedFilename().contains(f.exam),
                d.suggestedFilename());
        byte[] body = bytes(d);
        // The console saves the form for people: Chinese headers and labels, times in the exam's zone
        List<Map<String, String>> rows = Csv.parse(body); // asserts the BOM
        assertSameHumanRows(
                Csv.items(Api.admin(), "reviews", f.exam, "agency=A01"),
                rows,
                Map.of(
                        "id",
                        new String[] {"编号", null},
                        "status",
                        new String[] {"审查结果", "SwitchStatus"},
                        "reviewer",
                        new String[] {"审查人员", null},
                        "reason",
                        new String[] {"不通过原因", null}));
        assertEquals(
                List.of("'=1+2", "'@SUM(A1)"),
                rows.stream().map(r -> r.get("考生姓名")).toList(),
                "formulas neutralised");
        assertEquals("2023-01-15 10:00:00 +08:00", rows.get(0).get("提交改报时间"));
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"'-学历不符, \"\"全日制\"\"\""), "RFC 4180 quoting: " + text);
        assertTrue(text.contains("\r\n"), "CRLF line ends");
        assertThat(page.locator(".export__status")).containsText("已下载");

        // refunds of one channel, chosen in the page's filter
        page.navigate("/console/#/refunds?exam=" + f.exam);
        assertThat(page.locator(".table--refunds caption")).hasText("共 2 笔退费");
        page.getByLabel("支付渠道").selectOption("WECHAT");
        button("筛选").click();
        assertThat(page.locator(".table--refunds caption")).hasText("共 1 笔退费（微信支付）");
        rows = Csv.parse(bytes(export("导出退费明细（CSV）")));
        assertSameHumanRows(
                Csv.items(Api.admin(), "refunds", f.exam, "channel=WECHAT"),
                rows,
                Map.of(
                        "id",
                        new String[] {"编号", null},
                        "examCode",
                        new String[] {"考试代码", null},
                        "idNumberMasked",
                        new String[] {"身份证号（部分隐藏）", null},
                        "reason",
                        new String[] {"退费原因", "RefundReason"},
                        "status",
                        new String[] {"退费状态", "RefundStatus"},
                        "amount",
                        new String[] {"金额（元）", null},
                        "channel",
                        new String[] {"支付渠道", "PaymentChannel"},
                        "originalTransactionId",
                        new String[] {"原交易号", null}));
        assertEquals("本人放弃改报", rows.get(0).get("退费原因"));

        // switch results still pending: the A01 target's title is a formula
        page.navigate("/console/#/switches?exam=" + f.exam + "&status=PENDING");
        assertThat(h1()).hasText("改报结果");
        assertThat(page.locator(".table--switches tbody tr")).hasCount(2);
        rows = Csv.parse(bytes(export("导出改报结果（CSV）")));
        assertSameHumanRows(
                Csv.items(Api.admin(), "switches", f.exam, "status=PENDING"),
                rows,
                Map.of(
                        "id",
                        new String[] {"编号", null},
                        "idNumberMasked",
                        new String[] {"身份证号（部分隐藏）", null},
                        "seq",
                        new String[] {"第几次改报", null},
                        "targetAgencyCode",
                        new String[] {"招录单位代码", null},
                        "status",
                        new String[] {"审查结果", "SwitchStatus"}));
        assertEquals("'" + ExportFixture.FORMULA, rows.get(0).get("改报职位名称"));
        tab.screenshot("console-switches-1366");

        // the audit log of the exam: actions as Chinese labels, actors as usernames or masked applicants
        page.navigate("/console/#/audit?examCode=" + f.exam);
        assertThat(h1()).hasText("操作日志");
        List<Map<String, Object>> events = Api.admin()
                .get("/api/v1/admin/audit-events?size=500&examCode=" + f.exam)
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertThat(page.locator(".table--audit caption")).containsText("共 " + events.size() + " 条");
        assertThat(page.locator(".table--audit tbody")).containsText("考生提交改报");
        assertThat(page.locator(".table--audit tbody"))
                .containsText("考生 " + f.applicants.get(0).substring(0, 6) + "********");
        assertFalse(
                page.locator(".table--audit tbody").textContent().contains("applicant-"),
                "no registration ids as actors");
        rows = Csv.parse(bytes(export("导出操作日志（CSV）")));
        assertEquals(
                events.stream().map(e -> String.valueOf(e.get("id"))).toList(),
                rows.stream().map(r -> r.get("编号")).toList());
        assertEquals(
                events.stream()
                        .map(e -> Labels.label("AuditAction", e.get("action")))
                        .toList(),
                rows.stream().map(r -> r.get("操作")).toList());
        assertEquals(
                events.stream().map(e -> (String) e.get("actorLabel")).toList(),
                rows.stream().map(r -> r.get("操作人")).toList());
        tab.screenshot("console-audit-1366");
        page.setViewportSize(768, 1024); // a tablet: the wide table scrolls in its own box, not the page
        tab.screenshot("console-audit-768");
        assertNoSidewaysScroll();
    }
}
