package cn.gov.exam.change.webhook;

import cn.gov.exam.change.webhook.DeliveryStore.Claim;
import cn.gov.exam.change.webhook.WebhookCaller.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's continuous delivery: claims more as earlier calls end, so that each peer's window
 * stays full, while the ended calls' outcomes are recorded in batches, one transaction each, by
 * another thread. Each subscription has one lane, kept from batch to batch. Claimed deliveries
 * not yet recorded stay this dispatcher's (claimed_by, lease), so neither this nor another
 * instance claims them again meanwhile.
 */
public final class Pipeline {
    private final WebhookDispatcher dispatcher;
    private final String name;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Semaphore progress = new Semaphore(0);

    /** A claim whose call has ended (or was released unsent), waiting to be recorded. */
    private record Ended(Claim claim, Outcome outcome) {}

    Pipeline(WebhookDispatcher dispatcher, String name) {
        this.dispatcher = dispatcher;
        this.name = name;
    }

    /** Deliveries claimed and not yet recorded. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Claims up to {@code limit} due deliveries and starts their calls; how many it claimed. */
    public int claimMore(int limit) {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> dispatcher.claim(name, limit));
        if (claims.isEmpty()) {
            return 0;
        }
        outstanding.addAndGet(claims.size());
        List<CompletableFuture<Outcome>> results;
        try {
            results = dispatcher.start(claims, lanes);
        } catch (RuntimeException | Error e) {
            // Not started as a whole: the claims wait for their lease, and the budget is not lost.
            outstanding.addAndGet(-claims.size());
            throw e;
        }
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            results.get(i)
                    .whenComplete((o, e) ->
                            ended.add(new Ended(c, o != null ? o : Outcome.failed(WebhookCaller.describe(e), 0))));
        }
        return claims.size();
    }

    /**
     * Waits up to {@code waitMillis} for an ended call, gathers more for up to {@code lingerMillis}
     * (at most {@code max} in all), and records them in one transaction; how many it recorded.
     */
    public int recordSome(long waitMillis, long lingerMillis, int max) throws InterruptedException {
        Ended first = ended.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        List<Ended> batch = new ArrayList<>();
        batch.add(first);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        while (batch.size() < max) {
            ended.drainTo(batch, max - batch.size());
            long left = until - System.nanoTime();
            if (batch.size() >= max || left <= 0) {
                break;
            }
            Ended next = ended.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        try {
            dispatcher.recordAll(
                    batch.stream().map(Ended::claim).toList(),
                    batch.stream().map(Ended::outcome).toList(),
                    name);
        } finally {
            outstanding.addAndGet(-batch.size());
            progress.release();
        }
        return batch.size();
    }

    /** Waits up to {@code millis} for a batch to be recorded. */
    public void awaitProgress(long millis) throws InterruptedException {
        if (progress.tryAcquire(Math.max(1, millis), TimeUnit.MILLISECONDS)) {
            progress.drainPermits();
        }
    }
}
