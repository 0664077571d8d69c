package cn.gov.exam.change.receipt;

/** The decisions that give the applicant a receipt. */
public enum ReceiptKind {
    /** The applicant asked to switch: the switch awaits review (decision PENDING). */
    SWITCH_SUBMITTED,
    /** The target position's agency (or an administrator) decided the switch: APPROVED or REJECTED. */
    REVIEW_DECIDED,
    /** The applicant declined to switch and asked for the fee back (decision QUEUED). */
    DECLINED,
    /** A refund was owed without the applicant asking: a rejection that left no switch, or the deadline. */
    REFUND_QUEUED,
    /** The payment system confirmed the refund: SUCCEEDED or FAILED. */
    REFUND_SETTLED
}
