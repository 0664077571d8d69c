package cn.gov.exam.change.common.export;

import static cn.gov.exam.change.support.Api.admin;
import static cn.gov.exam.change.support.Problems.BASE;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Csv;
import cn.gov.exam.change.support.ExportFixture;
import cn.gov.exam.change.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 point 9: the CSV exports staff download are for people by default (Chinese headers and
 * labels, times in the exam's zone with its offset); {@code ?format=machine} gives codes and ISO instants.
 */
@QuarkusTest
class HumanExportTest {
    private static final String AT = "2023-01-15 10:00:00 +08:00"; // ExportFixture.DURING in Asia/Shanghai

    @Inject
    TestClock clock;

    @BeforeEach
    void duringTheWindow() {
        clock.set(ExportFixture.DURING);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static List<Map<String, String>> human(String path, Object... params) throws Exception {
        return Csv.parse(admin().accept("text/csv")
                .get(path, params)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    }

    private static Map<String, String> byId(List<Map<String, String>> rows, int id) {
        return rows.stream()
                .filter(r -> r.get("编号").equals(String.valueOf(id)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void exportsAreForPeopleByDefaultAndForMachinesOnRequest() throws Exception {
        ExportFixture f = new ExportFixture();
        String masked = f.applicants.get(1).substring(0, 6) + "********"
                + f.applicants.get(1).substring(14);

        List<Map<String, String>> reviews = human("/api/v1/admin/exams/{e}/reviews", f.exam);
        Map<String, String> rejected = byId(reviews, f.rejectedA01);
        assertEquals("审查未通过", rejected.get("审查结果"));
        assertEquals("全部符合", rejected.get("系统预审"));
        assertEquals("否", rejected.get("截止后决定"));
        assertEquals(AT, rejected.get("审查时间"));
        assertEquals(AT, rejected.get("提交改报时间"));
        assertEquals(masked, rejected.get("身份证号（部分隐藏）"));
        assertEquals("待审查", byId(reviews, f.pendingA07).get("审查结果"));

        List<Map<String, String>> switches = human("/api/v1/admin/exams/{e}/switches", f.exam);
        assertEquals("审查通过", byId(switches, f.approvedA07).get("审查结果"));
        assertEquals("太原市人力资源和社会保障局", byId(switches, f.approvedA07).get("招录单位"));

        List<Map<String, String>> refunds = human("/api/v1/admin/exams/{e}/refunds", f.exam);
        assertEquals(2, refunds.size());
        assertTrue(
                refunds.stream()
                        .anyMatch(r -> r.get("退费原因").equals("本人放弃改报")
                                && r.get("支付渠道").equals("微信支付")
                                && r.get("退费状态").equals("待发送")
                                && r.get("生成时间").equals(AT)),
                refunds.toString());
        assertTrue(
                refunds.stream()
                        .anyMatch(r -> r.get("退费原因").equals("改报后资格审查未通过")
                                && r.get("支付渠道").equals("支付宝")),
                refunds.toString());

        // The machine form: the API's names, codes, ISO instants.
        List<Map<String, String>> machine = Csv.rows(admin(), "refunds", f.exam, "");
        assertTrue(
                machine.stream().allMatch(r -> r.get("createdAt").equals("2023-01-15T02:00:00Z")), machine.toString());
        assertTrue(machine.stream()
                .anyMatch(r ->
                        r.get("reason").equals("DECLINED") && r.get("channel").equals("WECHAT")));
        admin().accept("text/csv")
                .get("/api/v1/admin/exams/{e}/refunds?format=excel", f.exam)
                .then()
                .statusCode(400)
                .body("type", equalTo(BASE + "validation-failed"))
                .body("errors[0].field", equalTo("format"));

        // The audit log: actions in Chinese; staff by username, applicants masked, never their registration id.
        List<Map<String, String>> audit = human("/api/v1/admin/audit-events?examCode={e}", f.exam);
        Map<String, String> decided = audit.stream()
                .filter(r -> r.get("对象编号").equals(String.valueOf(f.rejectedA01))
                        && r.get("操作").equals("作出审查决定"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(audit));
        assertEquals(Api.ADMIN, decided.get("操作人"));
        assertEquals("考试机构管理员", decided.get("角色"));
        assertEquals(AT, decided.get("时间"));
        Map<String, String> switched = audit.stream()
                .filter(r -> r.get("对象编号").equals(String.valueOf(f.rejectedA01))
                        && r.get("操作").equals("考生提交改报"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(audit));
        assertEquals("考生 " + masked, switched.get("操作人"));
        admin().get("/api/v1/admin/audit-events?examCode={e}&action=switch.requested", f.exam)
                .then()
                .body("items.actorLabel", org.hamcrest.Matchers.hasItem("考生 " + masked));
    }
}
