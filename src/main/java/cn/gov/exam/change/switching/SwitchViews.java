package cn.gov.exam.change.switching;

import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;

/** The applicant-facing records of switching. */
public final class SwitchViews {
    private SwitchViews() {
    }

    public record SwitchRequest(@NotBlank @Size(max = 40) String targetPositionCode) {
    }

    public record SwitchView(long id, String targetPositionCode, String targetPositionTitle, String targetAgencyName,
                             SwitchStatus status, Precheck precheck, @Schema(nullable = true) String reason,
                             @Schema(nullable = true) Instant decidedAt, Instant createdAt) {
    }

    public record PositionRef(String code, String title, String agencyName, PositionStatus status) {
    }

    /** The applicant's refund, once one is queued; channel: where the money goes back (ALIPAY, WECHAT, UNIONPAY). */
    public record RefundRef(String status, String amount, String reason, String channel) {
    }

    public record Me(String idNumberMasked, String name, String examCode, String timeZone, PositionRef originalPosition,
                     OffsetDateTime switchWindowOpensAt, OffsetDateTime switchDeadline, int switchesLeft,
                     @Schema(nullable = true) SwitchView currentSwitch, @Schema(nullable = true) RefundRef refund) {
    }

    public record SwitchOption(String code, String agencyCode, String agencyName, String employer, String title,
                               int quota, PositionStatus status, Requirements requirements, Precheck precheck) {
    }

    public record Options(String examCode, java.util.List<SwitchOption> items, int page, int size, long total) {
    }
}
