package cn.gov.exam.change.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.exam.ExamPhase;
import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.ratio.RatioOutcome;
import cn.gov.exam.change.refund.RefundReason;
import cn.gov.exam.change.refund.RefundStatus;
import cn.gov.exam.change.registration.FeeStatus;
import cn.gov.exam.change.registration.PaymentChannel;
import cn.gov.exam.change.switching.PrecheckResult;
import cn.gov.exam.change.switching.SwitchStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The server reads its labels from the front-ends' one table (assets/shared/labels.js): every value
 * of every enum people read has its label there, and the server finds them.
 */
class LabelsTest {
    @Test
    void everyEnumValueHasItsLabelInTheSharedTable() {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(
                Education.class,
                PoliticalStatus.class,
                FeeStatus.class,
                PaymentChannel.class,
                SwitchStatus.class,
                PrecheckResult.class,
                RefundStatus.class,
                RefundReason.class,
                RatioOutcome.class,
                PositionStatus.class,
                ExamPhase.class,
                cn.gov.exam.change.receipt.ReceiptKind.class,
                cn.gov.exam.change.notification.NotificationKind.class)) {
            Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .filter(code -> !Labels.table(type.getSimpleName()).containsKey(code))
                    .forEach(code -> missing.add(type.getSimpleName() + "." + code));
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void labelsAndCodesAreFoundBothWays() {
        assertEquals("本科", Labels.label("Education", Education.BACHELOR));
        assertEquals("审查未通过", Labels.label("SwitchStatus", "REJECTED"));
        assertEquals("作出审查决定", Labels.label("AuditAction", "review.decided"));
        assertEquals("新的代码", Labels.label("AuditAction", "新的代码"), "an unknown code shows as itself");
        assertEquals(Optional.of("BACHELOR"), Labels.code("Education", "本科"));
        assertEquals(Optional.of("BACHELOR"), Labels.code("Education", "bachelor"));
        assertEquals(Optional.of("CPC_MEMBER"), Labels.code("PoliticalStatus", "中共党员"));
        assertEquals(Optional.of("WAIVED"), Labels.code("FeeStatus", "免缴费"));
        assertEquals(Optional.empty(), Labels.code("Education", "小学"));
    }
}
