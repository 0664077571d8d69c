package cn.gov.exam.change.position;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record PositionView(
        String code,
        String agencyCode,
        String agencyName,
        String employer,
        String title,
        int quota,
        int originalQuota,
        @Schema(nullable = true) Integer ratio,
        PositionStatus status,
        Requirements requirements) {
    public static PositionView of(Position p) {
        return new PositionView(
                p.code,
                p.agencyCode,
                p.agencyName,
                p.employer,
                p.title,
                p.quota,
                p.originalQuota,
                p.ratio,
                p.status,
                p.requirements());
    }
}
