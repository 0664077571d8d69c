package cn.gov.exam.change.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 23 point 1: assets/applicant/state.js, the one function that maps GET /api/v1/me (and the
 * server's time) to the applicant's state, its message and next step, run in Chromium over a table
 * of every state. The pages built on it are seen in {@link EndStatesBrowserTest}.
 */
@QuarkusTest
@EnabledIf("cn.gov.exam.change.support.Browser#available")
class ApplicantStatesBrowserTest extends BrowserTestBase {
    private static final String HELP = "0351-1234567（工作日 8:30–17:30）";

    /** One row: the case's name, its kind and refund state, the flags, words it says and must not say. */
    private record Row(
            String name,
            String kind,
            String refund,
            boolean canSwitch,
            boolean canDecline,
            boolean showSwitchesLeft,
            List<String> says,
            List<String> never) {}

    private static Row row(
            String name,
            String kind,
            String refund,
            boolean canSwitch,
            boolean canDecline,
            boolean showLeft,
            List<String> says,
            List<String> never) {
        return new Row(name, kind, refund, canSwitch, canDecline, showLeft, says, never);
    }

    /** The cases in JS: a /me answer (the base changed by each case's fields) and the server's time. */
    private static final String CASES = """
            const base = {idNumberMasked: '140802********1447', name: '张三', examCode: 'X', timeZone: 'Asia/Shanghai',
              originalPosition: {code: 'C1', title: '一级科员', agencyName: '山西省财政厅', status: 'CANCELLED'},
              switchWindowOpensAt: '2023-01-14T09:00:00+08:00', switchDeadline: '2023-01-16T12:00:00+08:00',
              reviewDeadline: '2023-01-17T12:00:00+08:00', switchesLeft: 1, maxSwitches: 1, currentSwitch: null,
              refund: null, feeStatus: 'PAID', helpContact: '0351-1234567（工作日 8:30–17:30）', rejectedPositionCodes: []};
            const BEFORE = Date.parse('2023-01-13T10:00:00+08:00');
            const DURING = Date.parse('2023-01-15T10:00:00+08:00');
            const AFTER = Date.parse('2023-01-16T13:00:00+08:00');
            const sw = (status, extra) => ({id: 4711, targetPositionCode: 'T-OK', targetPositionTitle: '一级科员',
              targetAgencyName: '山西省审计厅', status, reason: status === 'REJECTED' ? '专业不符' : null,
              decidedAt: status === 'PENDING' ? null : '2023-01-15T11:00:00+08:00', createdAt: '2023-01-15T10:00:00+08:00', ...extra});
            const refund = (reason, status, extra) => ({id: 815, status, amount: '100.00', reason, channel: 'ALIPAY',
              failureReason: status === 'FAILED' ? 'account closed' : null, createdAt: '2023-01-15T12:00:00+08:00',
              updatedAt: '2023-01-15T12:00:00+08:00', ...extra});
            const cases = {
              notOpen: [{}, BEFORE],
              canSwitchPaid: [{}, DURING],
              canSwitchWaived: [{feeStatus: 'WAIVED'}, DURING],
              pending: [{switchesLeft: 0, currentSwitch: sw('PENDING')}, DURING],
              pendingAfterDeadline: [{switchesLeft: 0, currentSwitch: sw('PENDING')}, AFTER],
              approved: [{switchesLeft: 0, currentSwitch: sw('APPROVED')}, DURING],
              rejectedSwitchLeft: [{maxSwitches: 2, switchesLeft: 1, currentSwitch: sw('REJECTED'), rejectedPositionCodes: ['T-OK']}, DURING],
              rejectedNoneLeftPaid: [{switchesLeft: 0, currentSwitch: sw('REJECTED'), refund: refund('REVIEW_REJECTED', 'QUEUED')}, DURING],
              rejectedNoneLeftWaived: [{feeStatus: 'WAIVED', switchesLeft: 0, currentSwitch: sw('REJECTED')}, DURING],
              rejectedWindowClosed: [{maxSwitches: 2, switchesLeft: 1, currentSwitch: sw('REJECTED'), refund: refund('REVIEW_REJECTED', 'QUEUED')}, AFTER],
              declined: [{refund: refund('DECLINED', 'QUEUED')}, DURING],
              closedRefundDue: [{}, AFTER],
              closedNotSwitched: [{refund: refund('NOT_SWITCHED', 'QUEUED')}, AFTER],
              closedWaived: [{feeStatus: 'WAIVED'}, AFTER],
              refundSent: [{refund: refund('DECLINED', 'SENT')}, DURING],
              refundSucceeded: [{refund: refund('NOT_SWITCHED', 'SUCCEEDED')}, AFTER],
              refundFailed: [{switchesLeft: 0, currentSwitch: sw('REJECTED'), refund: refund('REVIEW_REJECTED', 'FAILED')}, AFTER],
            };
            """;

    private static final List<Row> TABLE = List.of(
            row("notOpen", "NOT_OPEN", null, false, false, false, List.of("改报尚未开始", "2023年1月14日 09:00"), List.of("退")),
            row("canSwitchPaid", "CAN_SWITCH", null, true, true, true, List.of("您可以改报", "放弃改报"), List.of()),
            row("canSwitchWaived", "CAN_SWITCH", null, true, false, true, List.of("您可以改报", "已减免"), List.of("放弃改报")),
            row(
                    "pending",
                    "PENDING",
                    null,
                    false,
                    false,
                    false,
                    List.of("正在资格审查", "T-OK 一级科员", "山西省审计厅", "2023年1月17日 12:00"),
                    List.of("剩余", "退")),
            row("pendingAfterDeadline", "PENDING", null, false, false, false, List.of("正在资格审查"), List.of("退回")),
            row("approved", "APPROVED", null, false, false, false, List.of("资格审查已通过", "T-OK"), List.of("退回")),
            row(
                    "rejectedSwitchLeft",
                    "REJECTED_CAN_SWITCH",
                    null,
                    true,
                    true,
                    true,
                    List.of("资格审查未通过", "专业不符", "还可以再改报 1 次", "该职位不能再选"),
                    List.of("已用完")),
            row(
                    "rejectedNoneLeftPaid",
                    "REJECTED_REFUND",
                    "QUEUED",
                    false,
                    false,
                    false,
                    List.of("资格审查未通过", "改报次数已用完", "100.00 元", "支付宝"),
                    List.of("放弃", "减免")),
            row(
                    "rejectedNoneLeftWaived",
                    "REJECTED_WAIVED",
                    null,
                    false,
                    false,
                    false,
                    List.of("资格审查未通过", "已减免", "没有需要退回的费用", HELP),
                    List.of("放弃", "将按原支付渠道")),
            row(
                    "rejectedWindowClosed",
                    "REJECTED_REFUND",
                    "QUEUED",
                    false,
                    false,
                    false,
                    List.of("改报已截止", "支付宝"),
                    List.of("已用完", "放弃")),
            row(
                    "declined",
                    "DECLINED",
                    "QUEUED",
                    false,
                    false,
                    false,
                    List.of("您已放弃改报", "100.00 元", "支付宝"),
                    List.of("剩余", "距改报截止")),
            row(
                    "closedRefundDue",
                    "CLOSED_NOT_SWITCHED",
                    "DUE",
                    false,
                    false,
                    false,
                    List.of("改报已截止，您没有改报", "自动退回"),
                    List.of("放弃")),
            row(
                    "closedNotSwitched",
                    "CLOSED_NOT_SWITCHED",
                    "QUEUED",
                    false,
                    false,
                    false,
                    List.of("改报已截止，您没有改报", "支付宝", "已受理"),
                    List.of("放弃")),
            row(
                    "closedWaived",
                    "CLOSED_NOT_SWITCHED_WAIVED",
                    null,
                    false,
                    false,
                    false,
                    List.of("已减免", "没有需要退回的费用", HELP),
                    List.of("将按原支付渠道")),
            row(
                    "refundSent",
                    "DECLINED",
                    "SENT",
                    false,
                    false,
                    false,
                    List.of("已提交给支付宝", "到账时间以支付机构为准"),
                    List.of("已退回您的")),
            row(
                    "refundSucceeded",
                    "CLOSED_NOT_SWITCHED",
                    "SUCCEEDED",
                    false,
                    false,
                    false,
                    List.of("已退回您的支付宝账户", "815"),
                    List.of("没有成功")),
            row(
                    "refundFailed",
                    "REJECTED_REFUND",
                    "FAILED",
                    false,
                    false,
                    false,
                    List.of("退款没有成功", "退费编号 815", HELP, "身份证"),
                    List.of("已退回您的")));

    @Test
    @SuppressWarnings("unchecked")
    void everyStateHasItsOwnMessageAndNextStep() {
        page.navigate("/#/");
        Map<String, Map<String, Object>> states =
                (Map<String, Map<String, Object>>) page.evaluate("""
                async () => {
                  const {applicantState} = await import('/assets/applicant/state.js');
                  %s
                  const out = {};
                  for (const [name, [fields, now]] of Object.entries(cases)) {
                    const st = applicantState({...base, ...fields}, now);
                    out[name] = {...st, text: [st.title, ...st.lines, ...st.next].join('\\n'),
                      references: st.references.map((r) => `${r.label} ${r.value}`).join(', ')};
                  }
                  return out;
                }""".formatted(CASES));
        assertEquals(TABLE.size(), states.size(), "a row for every case");
        List<String> wrong = new ArrayList<>();
        Map<String, String> byText = new HashMap<>();
        for (Row r : TABLE) {
            Map<String, Object> st = states.get(r.name());
            String text = (String) st.get("text");
            check(wrong, r.name(), "kind", r.kind(), st.get("kind"));
            check(wrong, r.name(), "refund", r.refund(), st.get("refund"));
            check(wrong, r.name(), "canSwitch", r.canSwitch(), st.get("canSwitch"));
            check(wrong, r.name(), "canDecline", r.canDecline(), st.get("canDecline"));
            check(wrong, r.name(), "showSwitchesLeft", r.showSwitchesLeft(), st.get("showSwitchesLeft"));
            check(wrong, r.name(), "showCountdown", r.showSwitchesLeft(), st.get("showCountdown"));
            for (String w : r.says()) {
                if (!text.contains(w)) {
                    wrong.add(r.name() + " does not say \"" + w + "\": " + text);
                }
            }
            for (String w : r.never()) {
                if (text.contains(w)) {
                    wrong.add(r.name() + " says \"" + w + "\": " + text);
                }
            }
            if (((List<?>) st.get("next")).isEmpty()) {
                wrong.add(r.name() + " gives no next step");
            }
            // A state of its own has words of its own (the same state at another time may repeat them).
            String state = r.kind() + "/" + r.refund();
            String other = byText.put(text, state);
            if (other != null && !other.equals(state)) {
                wrong.add(r.name() + " (" + state + ") says the same as " + other);
            }
        }
        // The reference numbers staff know the switch and the refund by.
        check(
                wrong,
                "refundFailed",
                "references",
                "改报编号 4711, 退费编号 815",
                states.get("refundFailed").get("references"));
        check(
                wrong,
                "declined",
                "references",
                "退费编号 815",
                states.get("declined").get("references"));
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, String name, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            wrong.add(name + ": " + what + " is " + actual + ", expected " + expected);
        }
    }
}
