package cn.gov.exam.change.webhook;

import java.time.Duration;
import java.util.List;

/**
 * What follows one webhook call, as a pure rule. The retry schedule is for a payment system that
 * is down; one that is busy (429, 503, or refusing connections) is back-pressure: the message is
 * tried again soon, without using up a step of the schedule, until the peer has given nothing but
 * back-pressure for longer than {@code downAfter}; from then on it counts as down, and its
 * back-pressure answers take steps of the schedule like any other failure.
 */
final class RetryRules {
    /** The shortest wait of a busy message, so that a refusing peer is not called in a tight loop. */
    static final Duration MIN_BUSY_WAIT = Duration.ofMillis(100);
    /** The neutral word of a call the peer did not accept a connection for. */
    static final String CONNECTION_REFUSED = "connection refused";

    private RetryRules() {}

    enum Kind {
        DELIVERED,
        GONE,
        BUSY,
        FAILED
    }

    /** The delivery's next state, the wait before its next attempt, and the steps of the schedule it used. */
    record Next(String status, Duration delay, int steps) {}

    static Kind kind(int status, String error) {
        if (status >= 200 && status < 300) {
            return Kind.DELIVERED;
        }
        if (status == 410) {
            return Kind.GONE;
        }
        if (status == 429 || status == 503 || (status == 0 && CONNECTION_REFUSED.equals(error))) {
            return Kind.BUSY;
        }
        return Kind.FAILED;
    }

    /**
     * @param stepsUsed steps of the schedule the delivery has used before this call
     * @param busyFor   how long the peer has given only back-pressure (zero when it just started)
     * @param jitter    a number in [0, 1): the waits of the schedule are jittered by ±20 %
     */
    static Next next(
            Kind kind,
            Duration retryAfter,
            int stepsUsed,
            Duration busyFor,
            List<Duration> schedule,
            Duration downAfter,
            double jitter) {
        switch (kind) {
            case DELIVERED:
                return new Next("DELIVERED", Duration.ZERO, 1);
            case GONE:
                // The endpoint is gone: the message waits for the channel's next subscription.
                return new Next("PENDING", Duration.ZERO, 1);
            case BUSY:
                if (busyFor.compareTo(downAfter) < 0) {
                    return new Next("PENDING", max(retryAfter, busyWait(busyFor, schedule)), 0);
                }
            // fall through: down for long enough, the schedule applies
            default:
                int steps = stepsUsed + 1;
                if (steps > schedule.size()) {
                    return new Next("FAILED", Duration.ZERO, 1);
                }
                Duration base = schedule.get(steps - 1);
                Duration wait = Duration.ofMillis((long) (base.toMillis() * (0.8 + 0.4 * jitter)));
                return new Next("PENDING", max(retryAfter, wait), 1);
        }
    }

    /** A busy peer's messages wait about as long as it has been busy: from 100 ms up to the schedule's first step. */
    static Duration busyWait(Duration busyFor, List<Duration> schedule) {
        Duration cap = schedule.isEmpty() ? Duration.ofSeconds(5) : schedule.get(0);
        return busyFor.compareTo(MIN_BUSY_WAIT) < 0 ? MIN_BUSY_WAIT : busyFor.compareTo(cap) > 0 ? cap : busyFor;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
