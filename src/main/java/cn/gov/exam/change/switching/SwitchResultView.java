package cn.gov.exam.change.switching;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One switch and its review outcome, as the bureau lists and exports them (ID number masked). */
public record SwitchResultView(
        long id,
        String examCode,
        String idNumberMasked,
        String applicantName,
        int seq,
        String fromPositionCode,
        String targetPositionCode,
        String targetPositionTitle,
        String targetAgencyCode,
        String targetAgencyName,
        PrecheckResult precheckResult,
        SwitchStatus status,
        @Schema(nullable = true) String reviewer,
        @Schema(nullable = true) String reason,
        @Schema(nullable = true) Instant decidedAt,
        boolean lateDecision,
        Instant createdAt) {}
