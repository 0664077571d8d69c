package cn.gov.exam.change.retention;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API's records of the retention purge. */
public final class RetentionViews {
    private RetentionViews() {}

    /** Why a purge may not run now; null when it may. */
    public enum Blocker {
        /** The review deadline plus app.retention.after-review-deadline lies ahead. */
        RETENTION_PERIOD_NOT_PASSED,
        /** Refunds not decided yet, or some still QUEUED or SENT. */
        REFUNDS_NOT_SETTLED,
        /** Purged already. */
        PERSONAL_DATA_PURGED
    }

    /**
     * Personal data of the exam by kind, each counted by the package that owns it: what a dry run
     * finds and a purge removed.
     */
    public record PersonalData(
            @Schema(description = "Applicants whose name, full ID number and password hash go (the mask stays)")
            long applicants,

            @Schema(description = "Of them, those with a mobile number")
            long mobileNumbers,

            @Schema(description = "Sign-in counts kept under applicants' full ID numbers")
            long signInRecords) {}

    /** The dry run: whether the exam's personal data may be purged now, and what would go. */
    public record RetentionView(
            String examCode,
            Instant reviewDeadline,

            @Schema(description = "The review deadline plus app.retention.after-review-deadline")
            Instant purgeableFrom,

            @Schema(description = "Refunds decided, and none QUEUED or SENT")
            boolean refundsSettled,

            @Schema(description = "Refunds QUEUED or SENT") long unsettledRefunds,

            @Schema(nullable = true, description = "Why a purge may not run now; null when it may")
            Blocker blocker,

            @Schema(description = "What a purge would remove now (after a purge: nothing)")
            PersonalData wouldPurge,

            @Schema(nullable = true) Instant personalDataPurgedAt,
            @Schema(nullable = true) String personalDataPurgedBy) {}

    /** The purge request: the applicant count of the dry run the administrator read. */
    public record PurgeRequest(
            @NotNull
            @PositiveOrZero
            @Schema(description = "wouldPurge.applicants of the dry run; a different count now refuses the purge")
            Long expectedApplicants) {}

    /** What the purge removed, and the exam's state after it. */
    public record PurgeResult(PersonalData purged, RetentionView retention) {}
}
