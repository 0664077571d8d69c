package cn.gov.exam.change.refund;

public enum RefundReason {
    NOT_SWITCHED,
    REVIEW_REJECTED,
    DECLINED
}
