package cn.gov.exam.change.switching;

import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The applicant-facing records of switching. */
public final class SwitchViews {
    private SwitchViews() {}

    public record SwitchRequest(@NotBlank @Size(max = 40) String targetPositionCode) {}

    public record SwitchView(
            long id,
            String targetPositionCode,
            String targetPositionTitle,
            String targetAgencyName,
            SwitchStatus status,
            Precheck precheck,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) Instant decidedAt,
            Instant createdAt) {}

    public record PositionRef(String code, String title, String agencyName, PositionStatus status) {}

    /**
     * The applicant's refund, once one is queued; channel: where the money goes back (ALIPAY, WECHAT,
     * UNIONPAY); id: the reference staff see in the refunds list; failureReason: the payment system's
     * words when it could not refund.
     */
    public record RefundRef(
            String status,
            String amount,
            String reason,
            String channel,

            @Schema(description = "the refund's id, as staff see it (the applicant's reference number)")
            long id,

            @Schema(nullable = true) String failureReason,
            Instant createdAt,
            Instant updatedAt) {}

    public record Me(
            String idNumberMasked,
            String name,
            String examCode,
            String timeZone,
            PositionRef originalPosition,
            OffsetDateTime switchWindowOpensAt,
            OffsetDateTime switchDeadline,
            int switchesLeft,
            @Schema(nullable = true) SwitchView currentSwitch,
            @Schema(nullable = true) RefundRef refund,

            @Schema(description = "PAID or WAIVED (a waived fee is never refunded)")
            String feeStatus,

            OffsetDateTime reviewDeadline,
            int maxSwitches,

            @Schema(description = "whom to contact when stuck: the exam's, else the configured default")
            String helpContact,

            @Schema(
                    description = "codes of the positions whose agency rejected this applicant: not offered "
                            + "again, a switch to them is refused (position-previously-rejected)")
            java.util.List<String> rejectedPositionCodes,

            @Schema(description = "a receipt of each decision about this applicant, oldest first")
            java.util.List<cn.gov.exam.change.receipt.ReceiptViews.ReceiptRef> receipts) {}

    public record SwitchOption(
            String code,
            String agencyCode,
            String agencyName,
            String employer,
            String title,
            int quota,
            PositionStatus status,
            Requirements requirements,
            Precheck precheck) {}

    /**
     * A page of switch options; unqualifiedHidden: how many positions matching the search the
     * qualifiedOnly filter hid (their precheck FAILs), 0 without the filter.
     */
    public record Options(
            java.util.List<SwitchOption> items,
            int page,
            int size,
            long total,

            @Schema(description = "positions matching the search that qualifiedOnly hid (precheck FAIL)")
            long unqualifiedHidden) {}
}
