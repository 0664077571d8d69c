package cn.gov.exam.change.review;

import java.util.Map;

/**
 * What the summary needs of refunds, asked of their owner: refunds depend on review (a rejection
 * may owe one), so review names this interface and refunds implement it.
 */
public interface RefundCounts {
    /** The exam's refunds by status name, every status present (0 when none), in the statuses' order. */
    Map<String, Long> byStatus(long examId);

    /** The exam's refunds by reason name, every reason present (0 when none), in the reasons' order. */
    Map<String, Long> byReason(long examId);

    /** The exam's refunds whose latest delivery failed for good or waits to retry after a failure. */
    long deliveryProblems(long examId);
}
