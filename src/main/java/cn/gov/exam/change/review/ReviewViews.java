package cn.gov.exam.change.review;

import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.Requirements;
import cn.gov.exam.change.switching.Precheck;
import cn.gov.exam.change.switching.SwitchStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The staff-facing records of qualification review. */
public final class ReviewViews {
    private ReviewViews() {}

    public record DecisionRequest(
            @NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "must be APPROVED or REJECTED")
            String decision,

            @Size(max = 500) String reason) {}

    /** An administrator's correction of a decision: the new decision, its reason, and why it is corrected. */
    public record CorrectionRequest(
            @NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "must be APPROVED or REJECTED")
            String decision,

            @Size(max = 500) String reason,

            @NotNull @jakarta.validation.constraints.NotBlank @Size(max = 500)
            String correctionReason) {}

    /** What a reviewer needs to judge the applicant; staff see the full ID number. */
    public record ApplicantDetails(
            String name,
            String idNumber,
            LocalDate birthDate,
            Education education,
            boolean degree,
            @Schema(nullable = true) String major,
            @Schema(nullable = true) PoliticalStatus politicalStatus,
            int grassrootsYears,
            @Schema(nullable = true) String householdRegion,

            @Schema(nullable = true, description = "masked: 138****5678")
            String phone) {}

    public record TargetPosition(
            String code,
            String title,
            String agencyCode,
            String agencyName,
            String employer,
            Requirements requirements) {}

    /**
     * {@code precheck} is the result stored when the switch was made (what the applicant saw);
     * {@code currentPrecheck} recomputes it from the applicant's current facts and the current
     * deadline, and {@code precheckChanged} says whether the two differ.
     */
    public record Review(
            long id,
            String examCode,
            String targetPositionCode,
            TargetPosition targetPosition,
            String originalPositionCode,
            ApplicantDetails applicant,
            Precheck precheck,
            Precheck currentPrecheck,
            boolean precheckChanged,
            SwitchStatus status,
            @Schema(nullable = true) String reviewer,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) Instant decidedAt,
            boolean lateDecision,
            Instant createdAt,
            Instant reviewDeadline,
            long secondsToReviewDeadline) {}

    public record Summary(
            String examCode,
            String phase,
            Positions positions,
            long affectedApplicants,
            long switchedApplicants,
            long notSwitched,
            Reviews reviews,
            java.util.Map<String, Long> refunds,
            java.util.Map<String, Long> refundsByReason,
            java.util.List<AgencyReviews> reviewsByAgency,

            @org.eclipse.microprofile.openapi.annotations.media.Schema(
                    description =
                            "refunds whose " + "latest delivery failed for good or waits to retry after a failure")
            long refundDeliveryProblems) {}

    /** The switches into one agency's positions by review status (for the dashboard's chart by agency). */
    public record AgencyReviews(String agencyCode, String agencyName, long pending, long approved, long rejected) {}

    public record Positions(long open, long reduced, long cancelled) {}

    public record Reviews(long pending, long approved, long rejected, long overdue, long decidedLate) {}
}
