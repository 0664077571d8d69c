package cn.gov.exam.change.position;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a position asks of an applicant; null means no requirement. */
public record Requirements(
        @Schema(nullable = true) Education minEducation,
        @Schema(nullable = true) Boolean degreeRequired,
        @Schema(nullable = true) List<String> majors,
        @Schema(nullable = true) Integer maxAge,
        @Schema(nullable = true) PoliticalStatus politicalStatus,
        @Schema(nullable = true) Integer minGrassrootsYears,
        @Schema(nullable = true) String householdRegion) {
    public static final Requirements NONE = new Requirements(null, false, List.of(), null, null, 0, null);
}
