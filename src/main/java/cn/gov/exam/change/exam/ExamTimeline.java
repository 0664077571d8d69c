package cn.gov.exam.change.exam;

import java.time.Instant;

/**
 * The one rule for an exam's phase and its switch window, used by the exam's answers, switching,
 * review and the summary alike.
 *
 * <p>Once the deadline job has decided the exam's refunds, the window stays closed for good: a
 * deadline moved later afterwards reopens nothing (the refunds owed at the deadline are queued,
 * perhaps sent), and the phase says so ({@code REVIEWING} until the review deadline).
 */
public record ExamTimeline(
        boolean published, Instant opensAt, Instant switchDeadline, Instant reviewDeadline, boolean refundsDecided) {

    /** Whether an applicant may switch at {@code now}. */
    public enum Window {
        NOT_OPEN,
        OPEN,
        CLOSED
    }

    public Window windowAt(Instant now) {
        if (refundsDecided || !now.isBefore(switchDeadline)) {
            return Window.CLOSED;
        }
        if (!published || now.isBefore(opensAt)) {
            return Window.NOT_OPEN;
        }
        return Window.OPEN;
    }

    public ExamPhase phaseAt(Instant now) {
        if (!now.isBefore(reviewDeadline)) {
            return ExamPhase.CLOSED;
        }
        return switch (windowAt(now)) {
            case OPEN -> ExamPhase.SWITCHING;
            case CLOSED -> ExamPhase.REVIEWING;
            case NOT_OPEN -> ExamPhase.REGISTRATION_CLOSED;
        };
    }

    /** The same timeline with the refunds' state read under a lock by the caller. */
    public ExamTimeline withRefundsDecided(boolean decided) {
        return new ExamTimeline(published, opensAt, switchDeadline, reviewDeadline, decided);
    }
}
