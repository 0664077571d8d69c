package cn.gov.exam.change.receipt;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the API says of receipts. */
public final class ReceiptViews {
    private ReceiptViews() {}

    /** A receipt in the applicant's list ({@code GET /api/v1/me}). */
    public record ReceiptRef(
            ReceiptKind kind,

            @Schema(description = "the verification code, XXXX-XXXX-XXXX-XXXX")
            String code,

            OffsetDateTime issuedAt) {}

    public record ReceiptPosition(String code, String title, String agencyName, String employer) {}

    public record ReceiptRefund(String amount, String currency, String reason) {}

    @Schema(
            description = "the receipt that supersedes this one now (the latest about the same switch or refund); "
                    + "its code is not shown")
    public record SupersededBy(ReceiptKind kind, String decision, OffsetDateTime issuedAt) {}

    /** What a receipt says. */
    public record Receipt(
            @Schema(description = "XXXX-XXXX-XXXX-XXXX") String code,
            ReceiptKind kind,

            @Schema(
                    description = "PENDING (switch submitted), APPROVED or REJECTED (review), QUEUED (refund "
                            + "requested or owed), SUCCEEDED or FAILED (refund settled)")
            String decision,

            @Schema(description = "when the decision was taken, with the exam's UTC offset")
            OffsetDateTime issuedAt,

            String examCode,
            String examName,
            String timeZone,

            @Schema(description = "masked in the public answer (张*); in full for the applicant and staff")
            String applicantName,

            @Schema(description = "always masked, e.g. 1408**********1447")
            String idNumberMasked,

            ReceiptPosition originalPosition,

            @Schema(nullable = true, description = "the switch's target; null for refund receipts")
            ReceiptPosition targetPosition,

            @Schema(nullable = true, description = "the refund of a refund receipt")
            ReceiptRefund refund,

            @Schema(description = "false once a later decision about the same switch or refund supersedes it")
            boolean current,

            @Schema(nullable = true) SupersededBy supersededBy) {}

    /** A receipt of the applicant's history, as staff see it. */
    public record HistoryEntry(String code, ReceiptKind kind, String decision, OffsetDateTime issuedAt) {}

    /** The full record behind a code, for staff. */
    public record StaffReceipt(
            Receipt receipt,
            long registrationId,
            @Schema(nullable = true) Long switchId,

            @Schema(nullable = true, description = "the switch's status now")
            String switchStatus,

            @Schema(nullable = true) String reviewer,

            @Schema(nullable = true, description = "the reviewer's reason or remark")
            String reason,

            @Schema(nullable = true) Boolean lateDecision,
            @Schema(nullable = true) Long refundId,

            @Schema(nullable = true, description = "the refund's status now")
            String refundStatus,

            @Schema(nullable = true) String channel,

            @Schema(description = "every receipt of the registration, oldest first")
            List<HistoryEntry> history) {}
}
