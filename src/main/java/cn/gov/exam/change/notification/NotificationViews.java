package cn.gov.exam.change.notification;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class NotificationViews {
    private NotificationViews() {}

    /** A message as the applicant reads it: the same text as the SMS. */
    public record MyNotification(long id, NotificationKind kind, String text, Instant createdAt) {}

    public record MyNotifications(List<MyNotification> items) {}

    /**
     * A notification as staff see it. {@code status}: NO_MOBILE (no SMS: the applicant has no
     * mainland mobile number), PENDING, DELIVERED (the gateway accepted it) or FAILED.
     */
    public record StaffNotification(
            long id,
            NotificationKind kind,

            @Schema(enumeration = {"NO_MOBILE", "PENDING", "DELIVERED", "FAILED"})
            String status,

            String applicantName,
            String idNumberMasked,

            @Schema(nullable = true, description = "masked: 138****5678")
            String mobileMasked,

            String text,
            Instant createdAt,

            @Schema(nullable = true, description = "a pending SMS waits until then (quiet hours or a retry)")
            Instant nextAttemptAt,

            int attempts,
            @Schema(nullable = true) Integer lastStatusCode,

            @Schema(nullable = true, description = "why the last attempt failed")
            String lastError) {}

    public record KindCount(NotificationKind kind, String status, long count) {}

    /** The SMS waiting for a gateway: how many, and how long the oldest has waited. */
    public record Backlog(
            @Schema(nullable = true, description = "the enabled gateway; null: none is enabled")
            Long gatewayId,

            long pending,
            @Schema(nullable = true) Long oldestPendingSeconds) {}

    public record Summary(
            String examCode,

            @Schema(description = "per kind and status; kinds and statuses without messages are left out")
            List<KindCount> counts,

            @Schema(description = "confirmed applicants of cancelled positions")
            long affectedApplicants,

            @Schema(description = "of them, those without a mainland mobile number: told on the status page only")
            long affectedWithoutMobile,

            Backlog backlog) {}
}
