package cn.gov.exam.change.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * One subscription's endpoint as this instance sees it: how many calls may be in flight (at most
 * {@code app.webhooks.max-in-flight}, fewer while it pushes back), an optional rate, and a pause.
 * The window shrinks by a quarter on back-pressure (once per window of calls, as TCP does) and
 * grows by one after four windows of successes, so that a peer that takes 8 calls at a time sees
 * a 9th about once in a few hundred calls. State lives in memory: two instances each adapt to
 * what they get back; a restart starts at the full window again.
 */
final class Peer {
    /** A busy peer that answered 2xx this recently is alive: its back-pressure shrinks the window, no pause. */
    private static final Duration ALIVE = Duration.ofSeconds(1);

    private final int max;
    private final double ratePerSecond;
    private double window;
    private int inFlight;
    private long epoch;
    private int calm;
    private Instant pausedUntil = Instant.MIN;
    private Instant busySince;
    private Instant lastSuccess = Instant.MIN;
    private double tokens;
    private long refilledAt = System.nanoTime();

    Peer(int max, double ratePerSecond) {
        this.max = Math.max(1, max);
        this.ratePerSecond = ratePerSecond;
        this.window = this.max;
        this.tokens = Math.max(1, ratePerSecond);
    }

    synchronized boolean paused(Instant now) {
        return now.isBefore(pausedUntil);
    }

    synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    /**
     * Takes a slot for one call: returns the epoch to give back in {@link #finished}, or -1 when the
     * window is full, or {@code -2 - nanos} when the rate allows the next call in {@code nanos}.
     */
    synchronized long tryStart() {
        if (inFlight >= (int) window) {
            return -1;
        }
        if (ratePerSecond > 0) {
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1, ratePerSecond), tokens + (now - refilledAt) / 1e9 * ratePerSecond);
            refilledAt = now;
            if (tokens < 1) {
                return -2 - (long) ((1 - tokens) / ratePerSecond * 1e9);
            }
            tokens -= 1;
        }
        inFlight++;
        return epoch;
    }

    /** Gives the slot back; records what the call came to. */
    synchronized void finished(
            long startEpoch, RetryRules.Kind kind, Duration retryAfter, Instant now, Duration firstStep) {
        inFlight--;
        if (kind == RetryRules.Kind.DELIVERED) {
            busySince = null;
            lastSuccess = now;
            if (window < max && ++calm >= 4 * (int) window) {
                window = Math.min(max, window + 1);
                calm = 0;
            }
            return;
        }
        if (kind != RetryRules.Kind.BUSY) {
            return;
        }
        if (busySince == null) {
            busySince = now;
        }
        if (startEpoch == epoch) {
            window = Math.max(1, Math.floor(window * 0.75));
            epoch++;
            calm = 0;
        }
        Duration pause = Duration.ZERO;
        if (!retryAfter.isZero()) {
            pause = retryAfter;
        } else if (lastSuccess.plus(ALIVE).isBefore(now)) {
            pause = RetryRules.busyWait(Duration.between(busySince, now), java.util.List.of(firstStep));
        }
        Instant until = now.plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** How long the peer has given only back-pressure; zero when it is not busy. */
    synchronized Duration busyFor(Instant now) {
        return busySince == null || now.isBefore(busySince) ? Duration.ZERO : Duration.between(busySince, now);
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
