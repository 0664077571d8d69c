package cn.gov.exam.change.refund;

/** QUEUED → SENT (the payment system took the request) → SUCCEEDED or FAILED (its confirmation). */
public enum RefundStatus {
    QUEUED, SENT, SUCCEEDED, FAILED
}
