package cn.gov.exam.change.switching;

/** The codes of {@code failedRequirements} (API.md). */
public enum Requirement {
    MIN_EDUCATION,
    DEGREE,
    MAJOR,
    MAX_AGE,
    POLITICAL_STATUS,
    GRASSROOTS_YEARS,
    HOUSEHOLD_REGION
}
