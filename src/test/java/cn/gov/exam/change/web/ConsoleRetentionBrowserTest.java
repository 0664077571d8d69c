package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.refund.RefundDeadlineJob;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.SwitchFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Issue 29 in the console: the retention page is the dry run; the purge is confirmed in a dialog. */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ConsoleRetentionBrowserTest extends ConsoleBrowserTestBase {
    private static final Instant REVIEW_DEADLINE =
            OffsetDateTime.parse("2023-01-17T12:00:00+08:00").toInstant();

    @Inject
    RefundDeadlineJob deadlineJob;

    @Test
    void anAdministratorSeesWhyNotYetThenWhatGoesAndPurges() {
        // An exam whose fees were all waived: its refunds are settled once decided (none owed).
        clock.set(SwitchFixture.DURING);
        String exam = Api.newExamCode("RT");
        Api.createExam(exam, 3, true);
        Api.importPositions(exam, List.of(Api.position("K1", 1, null), Api.position("T-OK", 1, null)));
        List<Map<String, Object>> regs = new ArrayList<>(Api.registrations("K1", "WAIVED", 3));
        Api.importRegistrations(exam, regs);
        Api.admin()
                .post("/api/v1/admin/exams/{exam}/ratio-check/publish", exam)
                .then()
                .statusCode(200);
        clock.set(OffsetDateTime.parse("2023-01-16T12:00:01+08:00").toInstant());
        deadlineJob.run();

        clock.set(REVIEW_DEADLINE.plus(Duration.ofDays(30)));
        signInAsAdmin("/retention?exam=" + exam);
        assertThat(h1()).hasText("个人信息清除");
        assertThat(page.locator(".inset-text")).containsText("保存期限未到");
        assertThat(page.locator("#purge")).hasCount(0);
        assertThat(page.locator("main")).containsText("3 条");
        tab.screenshot("console-retention-blocked-1366");

        clock.set(REVIEW_DEADLINE.plus(Duration.ofDays(181)));
        page.reload();
        assertThat(h1()).hasText("个人信息清除");
        assertThat(page.locator("main")).containsText("可以清除");
        tab.screenshot("console-retention-ready-1366");
        button("清除个人信息").click();
        assertThat(page.locator("dialog[open]")).containsText("将清除 3 名考生");
        tab.screenshot("console-retention-confirm-1366", false);
        page.locator("#confirm-purge").click();
        assertThat(page.locator("#flash")).containsText("已清除 3 名考生的个人信息。");
        assertThat(page.locator("main")).containsText("已清除");
        assertThat(page.locator("main")).containsText("操作人 admin");
        tab.screenshot("console-retention-purged-1366");
        assertEquals(
                "PERSONAL_DATA_PURGED",
                Api.admin()
                        .get("/api/v1/admin/exams/{exam}/personal-data", exam)
                        .then()
                        .extract()
                        .path("blocker"));
    }
}
