package cn.gov.exam.change.refund;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RefundView(
        long id,
        String examCode,
        String idNumberMasked,
        RefundReason reason,
        RefundStatus status,
        String amount,
        String currency,
        String channel,
        String originalTransactionId,
        @Schema(nullable = true) String channelRefundId,
        @Schema(nullable = true) String failureReason,
        Instant createdAt,
        Instant updatedAt,

        @Schema(nullable = true, description = "The refund's latest webhook delivery (lists only)")
        Delivery delivery) {

    /**
     * Where the refund's request to the payment system stands. {@code attempts} counts the attempt
     * log's rows; {@code problem}: the delivery failed for good, or its last attempt failed and it
     * waits for {@code nextAttemptAt}. {@code lastError} is one of a few neutral words (timeout,
     * connection refused, invalid response, invalid URL, target not allowed); null with a status code.
     */
    public record Delivery(
            long id,
            String status,
            int attempts,
            @Schema(nullable = true) Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true) Instant nextAttemptAt,
            boolean problem) {}
}
