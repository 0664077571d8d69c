package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamTimeline;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.registration.Applicant;
import cn.gov.exam.change.registration.FeeStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DESIGN.md rule 3 as pure functions: who may switch to which position, and how many switches are
 * left. No database and no clock of their own: the callers read the state (the reactive path under
 * the registration's row lock) and pass the instant.
 */
public final class SwitchRules {
    private SwitchRules() {}

    /** What the rules need of an applicant, their exam and their earlier switches (newest first). */
    public record State(
            String examCode,
            ZoneId zone,
            ExamTimeline timeline,
            int maxSwitches,
            boolean refunded,
            FeeStatus feeStatus,
            long originalPositionId,
            Precheck.Facts facts,
            List<SwitchStatus> switches,
            Set<Long> rejectedTargets) {}

    /** A switch the rules accept: from where, to where, its precheck and its number. */
    public record Accepted(
            PublishedPositions.Entry original, PublishedPositions.Entry target, Precheck precheck, int seq) {}

    /** Accepts a switch to the target, or throws the problem that refuses it, in the order the client shows them. */
    public static Accepted check(State s, PublishedPositions.Catalogue catalogue, String targetCode, Instant now) {
        ExamTimeline timeline = s.timeline();
        switch (timeline.windowAt(now)) {
            case NOT_OPEN ->
                throw new ProblemException(
                        ProblemType.SWITCH_WINDOW_NOT_OPEN,
                        "Switching opens at "
                                + timeline.opensAt().atZone(s.zone()).toOffsetDateTime());
            case CLOSED ->
                throw new ProblemException(
                        ProblemType.SWITCH_WINDOW_CLOSED,
                        "Switching closed at "
                                + timeline.switchDeadline().atZone(s.zone()).toOffsetDateTime());
            case OPEN -> {}
        }
        if (s.refunded()) {
            throw new ProblemException(
                    ProblemType.NO_SWITCHES_LEFT, "Your fee is being refunded: no switch is possible any more");
        }
        PublishedPositions.Entry original = catalogue.byId().get(s.originalPositionId());
        if (!s.feeStatus().confirmed() || original.status() != PositionStatus.CANCELLED) {
            throw new ProblemException(
                    ProblemType.SIGN_IN_NOT_ALLOWED, "Only confirmed applicants of a cancelled position may switch");
        }
        if (s.switches().contains(SwitchStatus.PENDING)) {
            throw new ProblemException(
                    ProblemType.SWITCH_PENDING,
                    "Your switch is under review; you may switch again only if it is rejected");
        }
        if (switchesLeft(s.maxSwitches(), s.switches()) == 0) {
            throw new ProblemException(
                    ProblemType.NO_SWITCHES_LEFT,
                    "You have used the " + s.maxSwitches() + " switch(es) this exam allows");
        }
        if (targetCode.equals(original.code())) {
            throw new ProblemException(
                    ProblemType.SAME_POSITION, "Position " + targetCode + " is your original position");
        }
        PublishedPositions.Entry target = catalogue.byCode().get(targetCode);
        if (target == null) {
            throw ProblemException.notFound("Position " + targetCode + " of exam " + s.examCode());
        }
        if (s.rejectedTargets().contains(target.id())) {
            throw new ProblemException(
                    ProblemType.POSITION_PREVIOUSLY_REJECTED,
                    "The agency of position " + targetCode + " has rejected your switch to it already");
        }
        if (!target.open()) {
            throw new ProblemException(ProblemType.POSITION_NOT_OPEN, "Position " + targetCode + " is cancelled");
        }
        Precheck precheck = Precheck.of(s.facts(), target.requirements(), ageDate(timeline.switchDeadline(), s.zone()));
        if (precheck.result() == PrecheckResult.FAIL) {
            throw new ProblemException(
                            ProblemType.REQUIREMENTS_NOT_MET,
                            "You do not meet the requirements of position " + targetCode)
                    .with("failedRequirements", precheck.failedRequirements());
        }
        return new Accepted(original, target, precheck, s.switches().size() + 1);
    }

    /**
     * Whether a position is offered to an applicant as a target: open, not their original one, and
     * not one whose agency has rejected them (the same "no" again would only cost them a switch).
     */
    public static boolean offered(PublishedPositions.Entry p, long originalPositionId, Set<Long> rejectedTargets) {
        return p.open() && p.id() != originalPositionId && !rejectedTargets.contains(p.id());
    }

    /** The positions whose review rejected the applicant, from their switches. */
    public static Set<Long> rejectedTargets(List<PositionSwitch> switches) {
        Set<Long> ids = new HashSet<>();
        for (PositionSwitch s : switches) {
            if (s.status == SwitchStatus.REJECTED) {
                ids.add(s.targetPositionId);
            }
        }
        return ids;
    }

    public static int switchesLeft(Exam exam, List<PositionSwitch> switches) {
        return switchesLeft(
                exam.maxSwitches, switches.stream().map(s -> s.status).toList());
    }

    /** An approved switch is final; otherwise every switch made, whatever its outcome, counts. */
    static int switchesLeft(int maxSwitches, List<SwitchStatus> switches) {
        if (switches.contains(SwitchStatus.APPROVED)) {
            return 0;
        }
        return Math.max(0, maxSwitches - switches.size());
    }

    public static Precheck.Facts facts(Applicant a) {
        return new Precheck.Facts(
                a.education, a.degree, a.major, a.birthDate, a.politicalStatus, a.grassrootsYears, a.householdRegion);
    }

    /** Ages are counted at the switch deadline, in the exam's time zone. */
    public static LocalDate ageDate(Exam exam) {
        return ageDate(exam.switchDeadline, ZoneId.of(exam.timeZone));
    }

    static LocalDate ageDate(Instant switchDeadline, ZoneId zone) {
        return switchDeadline.atZone(zone).toLocalDate();
    }
}
