package cn.gov.exam.change.refund;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public record RefundView(long id, String examCode, String idNumberMasked, RefundReason reason, RefundStatus status,
                         String amount, String currency, String channel, String originalTransactionId,
                         @Schema(nullable = true) String channelRefundId, @Schema(nullable = true) String failureReason,
                         Instant createdAt, Instant updatedAt) {
}
