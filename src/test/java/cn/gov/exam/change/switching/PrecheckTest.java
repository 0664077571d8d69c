package cn.gov.exam.change.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.Requirements;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The precheck on its own: an applicant's facts against a position's requirements. */
class PrecheckTest {
    private static final LocalDate AGE_DATE = LocalDate.of(2023, 1, 16);
    private static final Precheck.Facts BACHELOR = new Precheck.Facts(
            Education.BACHELOR,
            true,
            "计算机科学与技术",
            LocalDate.of(1993, 1, 17),
            PoliticalStatus.CPC_PROBATIONARY,
            2,
            "140105");

    private static Requirements requires(
            Education education,
            Boolean degree,
            List<String> majors,
            Integer maxAge,
            PoliticalStatus political,
            Integer grassroots,
            String region) {
        return new Requirements(education, degree, majors, maxAge, political, grassroots, region);
    }

    @Test
    void noRequirementPasses() {
        Precheck p = Precheck.of(BACHELOR, Requirements.NONE, AGE_DATE);
        assertEquals(PrecheckResult.PASS, p.result());
        assertEquals(List.of(), p.failedRequirements());
        assertEquals(List.of(), p.manualRequirements());
    }

    @Test
    void everyMachineCheckableRequirementFailsOnItsOwn() {
        Precheck p = Precheck.of(BACHELOR, requires(Education.MASTER, null, null, null, null, null, null), AGE_DATE);
        assertEquals(List.of(Requirement.MIN_EDUCATION), p.failedRequirements());
        Precheck.Facts noDegree = new Precheck.Facts(
                Education.BACHELOR, false, null, BACHELOR.birthDate(), PoliticalStatus.MASSES, 0, null);
        assertEquals(
                List.of(Requirement.DEGREE, Requirement.POLITICAL_STATUS, Requirement.GRASSROOTS_YEARS),
                Precheck.of(noDegree, requires(null, true, null, null, PoliticalStatus.CPC_MEMBER, 1, null), AGE_DATE)
                        .failedRequirements());
        assertEquals(
                PrecheckResult.FAIL,
                Precheck.of(noDegree, requires(null, true, null, null, null, null, null), AGE_DATE)
                        .result());
    }

    @Test
    void ageIsCountedOnTheAgeDate() {
        // Born 1993-01-17: 29 on 2023-01-16, 30 the day after.
        Requirements max29 = requires(null, null, null, 29, null, null, null);
        assertEquals(PrecheckResult.PASS, Precheck.of(BACHELOR, max29, AGE_DATE).result());
        assertEquals(
                List.of(Requirement.MAX_AGE),
                Precheck.of(BACHELOR, max29, AGE_DATE.plusDays(1)).failedRequirements());
    }

    @Test
    void probationaryMembersMeetAPartyMembershipRequirement() {
        assertEquals(
                PrecheckResult.PASS,
                Precheck.of(
                                BACHELOR,
                                requires(null, null, null, null, PoliticalStatus.CPC_MEMBER, null, null),
                                AGE_DATE)
                        .result());
        assertEquals(
                List.of(Requirement.POLITICAL_STATUS),
                Precheck.of(
                                BACHELOR,
                                requires(null, null, null, null, PoliticalStatus.CYL_MEMBER, null, null),
                                AGE_DATE)
                        .failedRequirements());
    }

    @Test
    void aMajorNotListedLiterallyIsLeftToTheReviewer() {
        assertEquals(
                PrecheckResult.PASS,
                Precheck.of(
                                BACHELOR,
                                requires(null, null, List.of(" 计算机科学与技术 ", "软件工程"), null, null, null, null),
                                AGE_DATE)
                        .result());
        Precheck p = Precheck.of(BACHELOR, requires(null, null, List.of("软件工程"), null, null, null, null), AGE_DATE);
        assertEquals(PrecheckResult.MANUAL, p.result());
        assertEquals(List.of(Requirement.MAJOR), p.manualRequirements());
    }

    @Test
    void aRegionCoversItsDistrictsAndAMissingRegionIsManual() {
        assertEquals(
                PrecheckResult.PASS,
                Precheck.of(BACHELOR, requires(null, null, null, null, null, null, "140100"), AGE_DATE)
                        .result());
        assertEquals(
                List.of(Requirement.HOUSEHOLD_REGION),
                Precheck.of(BACHELOR, requires(null, null, null, null, null, null, "140200"), AGE_DATE)
                        .failedRequirements());
        Precheck.Facts noRegion = new Precheck.Facts(
                Education.BACHELOR, true, null, BACHELOR.birthDate(), PoliticalStatus.MASSES, 0, " ");
        assertEquals(
                List.of(Requirement.HOUSEHOLD_REGION),
                Precheck.of(noRegion, requires(null, null, null, null, null, null, "140000"), AGE_DATE)
                        .manualRequirements());
        assertEquals("14", Precheck.regionPrefix("140000"));
        assertEquals("1401", Precheck.regionPrefix(" 140100 "));
    }

    @Test
    void aFailureOutweighsAManualCheck() {
        Precheck p = Precheck.of(
                BACHELOR, requires(Education.DOCTORATE, null, List.of("软件工程"), null, null, null, null), AGE_DATE);
        assertEquals(PrecheckResult.FAIL, p.result());
        assertEquals(List.of(Requirement.MIN_EDUCATION), p.failedRequirements());
        assertEquals(List.of(Requirement.MAJOR), p.manualRequirements());
    }
}
