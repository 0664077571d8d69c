package cn.gov.exam.change.switching;

import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.Requirements;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The automated check of an applicant against a position's requirements. What a machine can
 * decide fails or passes here; what it cannot (a major not matched literally, a missing datum) is
 * left to the reviewer as MANUAL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Precheck(
        PrecheckResult result, List<Requirement> failedRequirements, List<Requirement> manualRequirements) {

    /** The facts about an applicant that requirements look at. */
    public record Facts(
            Education education,
            boolean degree,
            String major,
            LocalDate birthDate,
            PoliticalStatus politicalStatus,
            int grassrootsYears,
            String householdRegion) {}

    /** Age is counted on {@code ageDate}, the exam's switch deadline in its own time zone. */
    public static Precheck of(Facts a, Requirements r, LocalDate ageDate) {
        List<Requirement> failed = new ArrayList<>();
        List<Requirement> manual = new ArrayList<>();
        if (r.minEducation() != null && a.education().compareTo(r.minEducation()) < 0) {
            failed.add(Requirement.MIN_EDUCATION);
        }
        if (Boolean.TRUE.equals(r.degreeRequired()) && !a.degree()) {
            failed.add(Requirement.DEGREE);
        }
        if (r.majors() != null && !r.majors().isEmpty()) {
            String major = a.major() == null ? "" : a.major().trim();
            if (r.majors().stream().noneMatch(m -> m.trim().equals(major))) {
                // Major catalogues differ between years and schools: a person decides.
                manual.add(Requirement.MAJOR);
            }
        }
        if (r.maxAge() != null && Period.between(a.birthDate(), ageDate).getYears() > r.maxAge()) {
            failed.add(Requirement.MAX_AGE);
        }
        if (r.politicalStatus() != null && !politicalStatusMet(r.politicalStatus(), a.politicalStatus())) {
            failed.add(Requirement.POLITICAL_STATUS);
        }
        if (r.minGrassrootsYears() != null && a.grassrootsYears() < r.minGrassrootsYears()) {
            failed.add(Requirement.GRASSROOTS_YEARS);
        }
        if (r.householdRegion() != null && !r.householdRegion().isBlank()) {
            if (a.householdRegion() == null || a.householdRegion().isBlank()) {
                manual.add(Requirement.HOUSEHOLD_REGION);
            } else if (!a.householdRegion().startsWith(regionPrefix(r.householdRegion()))) {
                failed.add(Requirement.HOUSEHOLD_REGION);
            }
        }
        PrecheckResult result = !failed.isEmpty()
                ? PrecheckResult.FAIL
                : !manual.isEmpty() ? PrecheckResult.MANUAL : PrecheckResult.PASS;
        return new Precheck(result, List.copyOf(failed), List.copyOf(manual));
    }

    /** Party membership requirements admit probationary members (中共党员含预备党员). */
    private static boolean politicalStatusMet(PoliticalStatus required, PoliticalStatus actual) {
        if (required == PoliticalStatus.CPC_MEMBER) {
            return actual == PoliticalStatus.CPC_MEMBER || actual == PoliticalStatus.CPC_PROBATIONARY;
        }
        return required == actual;
    }

    /** {@code 140100} (a city) covers {@code 140105} (its district): trailing 00 pairs are wildcards. */
    static String regionPrefix(String region) {
        String r = region.trim();
        while (r.length() > 2 && r.endsWith("00")) {
            r = r.substring(0, r.length() - 2);
        }
        return r;
    }
}
