package cn.gov.exam.change.position;

import java.util.List;

/** What a position asks of an applicant; null means no requirement. */
public record Requirements(Education minEducation, Boolean degreeRequired, List<String> majors, Integer maxAge,
                           PoliticalStatus politicalStatus, Integer minGrassrootsYears, String householdRegion) {
    public static final Requirements NONE = new Requirements(null, false, List.of(), null, null, 0, null);
}
