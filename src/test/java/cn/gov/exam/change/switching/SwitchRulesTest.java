package cn.gov.exam.change.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.exam.ExamTimeline;
import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import cn.gov.exam.change.registration.FeeStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 3 on its own: what the decision path judges once it holds the row lock. */
class SwitchRulesTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant OPENS = Instant.parse("2023-01-14T01:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2023-01-16T04:00:00Z");
    private static final Instant DURING = Instant.parse("2023-01-15T02:00:00Z");
    private static final PublishedPositions.Entry C1 = entry(1, "C1", PositionStatus.CANCELLED, Requirements.NONE);
    private static final PublishedPositions.Entry OK = entry(2, "T-OK", PositionStatus.OPEN, Requirements.NONE);
    private static final PublishedPositions.Entry C2 = entry(3, "C2", PositionStatus.CANCELLED, Requirements.NONE);
    private static final PublishedPositions.Entry MASTER = entry(
            4, "T-MASTER", PositionStatus.OPEN, new Requirements(Education.MASTER, null, null, null, null, null, null));
    private static final PublishedPositions.Catalogue CATALOGUE = catalogue(C1, OK, C2, MASTER);
    private static final Precheck.Facts FACTS = new Precheck.Facts(
            Education.BACHELOR, true, "法学", LocalDate.of(1995, 5, 1), PoliticalStatus.MASSES, 0, "140105");

    private static PublishedPositions.Entry entry(long id, String code, PositionStatus status, Requirements r) {
        return new PublishedPositions.Entry(id, code, "A01", "省人社厅", "单位", "职位" + code, 1, status, r);
    }

    private static PublishedPositions.Catalogue catalogue(PublishedPositions.Entry... entries) {
        return PublishedPositions.Catalogue.of(List.of(entries));
    }

    private static SwitchRules.State state(
            boolean refundsDecided, boolean refunded, FeeStatus fee, List<SwitchStatus> switches) {
        return new SwitchRules.State(
                "SW",
                ZONE,
                new ExamTimeline(true, OPENS, DEADLINE, DEADLINE.plusSeconds(86_400), refundsDecided),
                2,
                refunded,
                fee,
                C1.id(),
                FACTS,
                switches,
                java.util.Set.of());
    }

    private static SwitchRules.State paid(List<SwitchStatus> switches) {
        return state(false, false, FeeStatus.PAID, switches);
    }

    private static ProblemType refused(SwitchRules.State s, String target, Instant at) {
        return assertThrows(ProblemException.class, () -> SwitchRules.check(s, CATALOGUE, target, at))
                .type();
    }

    @Test
    void aConfirmedApplicantOfACancelledPositionSwitchesToAnOpenOne() {
        SwitchRules.Accepted a = SwitchRules.check(paid(List.of()), CATALOGUE, "T-OK", DURING);
        assertEquals(C1, a.original());
        assertEquals(OK, a.target());
        assertEquals(PrecheckResult.PASS, a.precheck().result());
        assertEquals(1, a.seq());
        assertEquals(
                2,
                SwitchRules.check(
                                state(false, false, FeeStatus.WAIVED, List.of(SwitchStatus.REJECTED)),
                                CATALOGUE,
                                "T-OK",
                                DURING)
                        .seq());
    }

    @Test
    void theWindowComesFirst() {
        assertEquals(ProblemType.SWITCH_WINDOW_NOT_OPEN, refused(paid(List.of()), "T-OK", OPENS.minusMillis(1)));
        assertEquals(ProblemType.SWITCH_WINDOW_CLOSED, refused(paid(List.of()), "T-OK", DEADLINE));
        assertEquals(
                ProblemType.SWITCH_WINDOW_CLOSED,
                refused(state(true, false, FeeStatus.PAID, List.of()), "T-OK", DURING));
    }

    @Test
    void whoMaySwitchAndHowOften() {
        assertEquals(
                ProblemType.NO_SWITCHES_LEFT, refused(state(false, true, FeeStatus.PAID, List.of()), "T-OK", DURING));
        assertEquals(
                ProblemType.SIGN_IN_NOT_ALLOWED,
                refused(state(false, false, FeeStatus.UNPAID, List.of()), "T-OK", DURING));
        assertEquals(ProblemType.SWITCH_PENDING, refused(paid(List.of(SwitchStatus.PENDING)), "T-OK", DURING));
        assertEquals(
                ProblemType.NO_SWITCHES_LEFT,
                refused(paid(List.of(SwitchStatus.REJECTED, SwitchStatus.REJECTED)), "T-OK", DURING));
        assertEquals(ProblemType.NO_SWITCHES_LEFT, refused(paid(List.of(SwitchStatus.APPROVED)), "T-OK", DURING));
    }

    @Test
    void theTargetMustBeAnotherOpenPositionWhoseRequirementsAreMet() {
        assertEquals(ProblemType.SAME_POSITION, refused(paid(List.of()), "C1", DURING));
        assertEquals(ProblemType.NOT_FOUND, refused(paid(List.of()), "NOPE", DURING));
        assertEquals(ProblemType.POSITION_NOT_OPEN, refused(paid(List.of()), "C2", DURING));
        ProblemException e = assertThrows(
                ProblemException.class, () -> SwitchRules.check(paid(List.of()), CATALOGUE, "T-MASTER", DURING));
        assertEquals(ProblemType.REQUIREMENTS_NOT_MET, e.type());
        assertEquals(List.of(Requirement.MIN_EDUCATION), e.extensions().get("failedRequirements"));
    }

    @Test
    void switchesLeftCountEveryMadeSwitchUntilOneIsApproved() {
        assertEquals(2, SwitchRules.switchesLeft(2, List.of()));
        assertEquals(1, SwitchRules.switchesLeft(2, List.of(SwitchStatus.REJECTED)));
        assertEquals(0, SwitchRules.switchesLeft(2, List.of(SwitchStatus.APPROVED)));
        assertEquals(0, SwitchRules.switchesLeft(1, List.of(SwitchStatus.REJECTED, SwitchStatus.REJECTED)));
    }

    @Test
    void agesAreCountedOnTheDeadlineInTheExamsZone() {
        // 2023-01-15T16:30Z is already the 16th in Shanghai.
        assertEquals(LocalDate.of(2023, 1, 16), SwitchRules.ageDate(Instant.parse("2023-01-15T16:30:00Z"), ZONE));
    }
}
