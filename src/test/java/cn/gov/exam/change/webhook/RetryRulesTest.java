package cn.gov.exam.change.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gov.exam.change.webhook.RetryRules.Kind;
import cn.gov.exam.change.webhook.RetryRules.Next;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule and back-pressure as a pure rule, without a service. */
class RetryRulesTest {
    private static final List<Duration> SCHEDULE =
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5));
    private static final Duration DOWN_AFTER = Duration.ofMinutes(1);

    private static Next next(Kind kind, Duration retryAfter, int stepsUsed, Duration busyFor, double jitter) {
        return RetryRules.next(kind, retryAfter, stepsUsed, busyFor, SCHEDULE, DOWN_AFTER, jitter);
    }

    @Test
    void answersAreSortedIntoKinds() {
        assertEquals(Kind.DELIVERED, RetryRules.kind(200, null));
        assertEquals(Kind.DELIVERED, RetryRules.kind(204, null));
        assertEquals(Kind.GONE, RetryRules.kind(410, null));
        assertEquals(Kind.BUSY, RetryRules.kind(429, null));
        assertEquals(Kind.BUSY, RetryRules.kind(503, null));
        assertEquals(Kind.BUSY, RetryRules.kind(0, "connection refused"));
        assertEquals(Kind.FAILED, RetryRules.kind(500, null));
        assertEquals(Kind.FAILED, RetryRules.kind(502, null));
        assertEquals(Kind.FAILED, RetryRules.kind(0, "timeout"));
        assertEquals(Kind.FAILED, RetryRules.kind(0, "invalid response"));
        assertEquals(Kind.FAILED, RetryRules.kind(0, "target not allowed"));
    }

    @Test
    void failuresWalkTheScheduleWithJitterThenFail() {
        assertEquals(
                new Next("PENDING", Duration.ofSeconds(4), 1), next(Kind.FAILED, Duration.ZERO, 0, Duration.ZERO, 0));
        assertEquals(
                new Next("PENDING", Duration.ofMillis(5500), 1),
                next(Kind.FAILED, Duration.ZERO, 0, Duration.ZERO, 0.75));
        assertEquals(
                new Next("PENDING", Duration.ofMinutes(1), 1), next(Kind.FAILED, Duration.ZERO, 1, Duration.ZERO, 0.5));
        assertEquals(
                new Next("PENDING", Duration.ofMinutes(5), 1), next(Kind.FAILED, Duration.ZERO, 2, Duration.ZERO, 0.5));
        assertEquals(
                "FAILED",
                next(Kind.FAILED, Duration.ZERO, 3, Duration.ZERO, 0.5).status());
        // A longer Retry-After wins over the step.
        assertEquals(
                Duration.ofSeconds(30),
                next(Kind.FAILED, Duration.ofSeconds(30), 0, Duration.ZERO, 0.5).delay());
    }

    @Test
    void aBusyPeerUsesNoStepUntilItCountsAsDown() {
        // Busy for a moment: retried soon, no step used, however many steps are used already.
        assertEquals(
                new Next("PENDING", Duration.ofMillis(100), 0), next(Kind.BUSY, Duration.ZERO, 3, Duration.ZERO, 0.5));
        assertEquals(
                new Next("PENDING", Duration.ofSeconds(2), 0),
                next(Kind.BUSY, Duration.ZERO, 0, Duration.ofSeconds(2), 0.5));
        assertEquals(
                new Next("PENDING", Duration.ofSeconds(5), 0),
                next(Kind.BUSY, Duration.ZERO, 0, Duration.ofSeconds(50), 0.5));
        assertEquals(
                new Next("PENDING", Duration.ofSeconds(20), 0),
                next(Kind.BUSY, Duration.ofSeconds(20), 0, Duration.ZERO, 0.5),
                "Retry-After is honoured");
        // Nothing but back-pressure for a minute: down; the schedule applies.
        assertEquals(new Next("PENDING", Duration.ofSeconds(5), 1), next(Kind.BUSY, Duration.ZERO, 0, DOWN_AFTER, 0.5));
        assertEquals(
                "FAILED",
                next(Kind.BUSY, Duration.ZERO, 3, Duration.ofMinutes(10), 0.5).status());
    }

    @Test
    void deliveredAndGoneEndTheWait() {
        assertEquals(
                new Next("DELIVERED", Duration.ZERO, 1), next(Kind.DELIVERED, Duration.ZERO, 2, Duration.ZERO, 0.5));
        assertEquals(new Next("PENDING", Duration.ZERO, 1), next(Kind.GONE, Duration.ZERO, 3, Duration.ZERO, 0.5));
    }
}
