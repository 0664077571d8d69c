package cn.gov.exam.change.refund;

import java.time.Instant;

public record RefundView(long id, String examCode, String idNumberMasked, RefundReason reason, RefundStatus status,
                         String amount, String currency, String channel, String originalTransactionId,
                         String channelRefundId, String failureReason, Instant createdAt, Instant updatedAt) {
}
