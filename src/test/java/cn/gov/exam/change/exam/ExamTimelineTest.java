package cn.gov.exam.change.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The phase and window rule on its own (README "Phase and switch window"). */
class ExamTimelineTest {
    private static final Instant OPENS = Instant.parse("2023-01-14T01:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2023-01-16T04:00:00Z");
    private static final Instant REVIEW = Instant.parse("2023-01-17T04:00:00Z");

    private static ExamTimeline timeline(boolean published, boolean refundsDecided) {
        return new ExamTimeline(published, OPENS, DEADLINE, REVIEW, refundsDecided);
    }

    @Test
    void theWindowOpensWhenPublishedAndClosesAtTheDeadline() {
        ExamTimeline t = timeline(true, false);
        assertEquals(ExamTimeline.Window.NOT_OPEN, t.windowAt(OPENS.minusMillis(1)));
        assertEquals(ExamTimeline.Window.OPEN, t.windowAt(OPENS));
        assertEquals(ExamTimeline.Window.CLOSED, t.windowAt(DEADLINE));
        assertEquals(ExamTimeline.Window.NOT_OPEN, timeline(false, false).windowAt(OPENS));
        assertEquals(ExamPhase.REGISTRATION_CLOSED, t.phaseAt(OPENS.minusMillis(1)));
        assertEquals(ExamPhase.SWITCHING, t.phaseAt(OPENS));
        assertEquals(ExamPhase.REVIEWING, t.phaseAt(DEADLINE));
        assertEquals(ExamPhase.CLOSED, t.phaseAt(REVIEW));
    }

    @Test
    void decidedRefundsKeepTheWindowClosedAndThePhaseSaysSo() {
        ExamTimeline t = timeline(true, true);
        Instant beforeAMovedDeadline = DEADLINE.minusSeconds(3600);
        assertEquals(ExamTimeline.Window.CLOSED, t.windowAt(beforeAMovedDeadline));
        assertEquals(ExamPhase.REVIEWING, t.phaseAt(beforeAMovedDeadline));
        assertEquals(ExamPhase.CLOSED, t.phaseAt(REVIEW));
        assertEquals(t, timeline(true, false).withRefundsDecided(true));
    }
}
