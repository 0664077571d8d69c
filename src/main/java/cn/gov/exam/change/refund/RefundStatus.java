package cn.gov.exam.change.refund;

/**
 * QUEUED → SENT (the payment system took the request) → SUCCEEDED or FAILED (its confirmation).
 * A confirmation of a QUEUED refund passes through SENT; a FAILED refund is queued again only by
 * an administrator (a new message).
 */
public enum RefundStatus {
    QUEUED,
    SENT,
    SUCCEEDED,
    FAILED;

    /** The payment system's outcome is known: nothing more is sent or changed by a callback. */
    public boolean settled() {
        return this == SUCCEEDED || this == FAILED;
    }
}
