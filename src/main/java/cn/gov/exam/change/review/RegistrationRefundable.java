package cn.gov.exam.change.review;

/**
 * Fired, inside the deciding transaction, when a registration is owed its fee back because its
 * last switch was rejected and no further switch is possible. The refunds capability observes it
 * to queue the refund exactly once in that same transaction.
 */
public record RegistrationRefundable(long registrationId, String examCode, String reason) {
    public static final String REVIEW_REJECTED = "REVIEW_REJECTED";
}
