package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.webhook.DeliveryStore.Claim;
import cn.gov.exam.change.webhook.WebhookCaller.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One subscription's claims (of a round, or of a pipeline), started as its window and rate allow. */
final class Lane {
    /** A claim waiting in its lane for a slot, with where to call. */
    record Waiting(Claim claim, WebhookTargets.Target target, CompletableFuture<Outcome> result) {}

    final Peer peer;
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final WebhookCaller caller;
    private final AppClock clock;
    private final ScheduledExecutorService timer;
    private final Duration firstStep;

    Lane(Peer peer, WebhookCaller caller, AppClock clock, ScheduledExecutorService timer, Duration firstStep) {
        this.peer = peer;
        this.caller = caller;
        this.clock = clock;
        this.timer = timer;
        this.firstStep = firstStep;
    }

    synchronized void add(Waiting w) {
        waiting.add(w);
    }

    synchronized void pump() {
        while (!waiting.isEmpty()) {
            if (peer.paused(clock.now())) {
                // The peer asked for a pause: what has not started goes back, unsent.
                while (!waiting.isEmpty()) {
                    waiting.poll().result().complete(Outcome.RELEASED);
                }
                return;
            }
            long slot = peer.tryStart();
            if (slot == -1) {
                return; // a call in flight pumps again when it ends
            }
            if (slot < -1) {
                timer.schedule(this::pump, -2 - slot, TimeUnit.NANOSECONDS);
                return;
            }
            Waiting next = waiting.poll();
            caller.call(next.claim(), next.target()).whenComplete((o, e) -> {
                Outcome out = o != null ? o : Outcome.failed(WebhookCaller.describe(e), 0);
                peer.finished(slot, out.kind(), out.retryAfter(), clock.now(), firstStep);
                next.result().complete(out);
                pump();
            });
        }
    }
}
