package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.webhook.DeliveryStore.Claim;
import cn.gov.exam.change.webhook.WebhookCaller.Outcome;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox at least once (DESIGN.md rule 6). A round claims due deliveries and writes
 * their attempts in one statement ({@code FOR UPDATE SKIP LOCKED} and a lease), commits, makes the
 * HTTP calls outside any transaction on keep-alive connections, at most a window of them in
 * flight per subscription ({@link Peer}), then records the round's outcomes in one transaction.
 * Several instances share the work without sending one attempt twice (the claim, and a unique key
 * per attempt); a dispatcher that dies mid-round loses nothing: its lease runs out and another
 * sends the same message again, with the same webhook-id.
 *
 * <p>This class is the flow between them: the SQL is {@link DeliveryStore}'s, the HTTP call
 * {@link WebhookCaller}'s, a subscription's window {@link Lane}'s, and the loop's continuous
 * delivery {@link Pipeline}'s.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** This instance's name in claims and attempts. */
    public static final String INSTANCE =
            "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DeliveryStore store;

    @Inject
    WebhookCaller caller;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    @Inject
    AuditService audit;

    @Inject
    WebhookTargets targets;

    @Inject
    DeliveryOutcomes outcomes;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-rate-timer");
        t.setDaemon(true);
        return t;
    });
    /** Per subscription and version of it (a changed URL or re-enabled subscription starts afresh). */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** The soonest moment a message this instance put back becomes due, for the loop's wait. */
    private final AtomicReference<Instant> soonest = new AtomicReference<>();

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }

    /** One round: claim, send, record. Returns how many deliveries were claimed. */
    public int dispatchOnce(String dispatcher) {
        return dispatchOnce(dispatcher, config.webhooks().batchSize());
    }

    // requiringNew in this class: the dispatcher's threads have no transaction of their own, and a
    // claim and its outcomes each commit by themselves so that none is held open across a call.
    // One round is one trace (webhook.dispatch): its claim, calls and outcomes with their statements.
    @WithSpan("webhook.dispatch")
    public int dispatchOnce(String dispatcher, int batchSize) {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claim(dispatcher, batchSize));
        if (claims.isEmpty()) {
            return 0;
        }
        List<Outcome> results = send(claims);
        recordAll(claims, results, dispatcher);
        return claims.size();
    }

    /** Records outcomes in one transaction; should that fail, each on its own. */
    @WithSpan("webhook.record")
    void recordAll(List<Claim> claims, List<Outcome> results, String dispatcher) {
        try {
            QuarkusTransaction.requiringNew().run(() -> record(claims, results, dispatcher));
        } catch (RuntimeException e) {
            // One outcome that cannot be recorded must not keep the others of the round unrecorded
            // (they would be sent again once their lease ran out): each then on its own.
            LOG.warnf(e, "Recording a round of %d webhook outcomes failed; recording them one by one", claims.size());
            for (int i = 0; i < claims.size(); i++) {
                Claim c = claims.get(i);
                Outcome o = results.get(i);
                try {
                    QuarkusTransaction.requiringNew().run(() -> record(List.of(c), List.of(o), dispatcher));
                } catch (RuntimeException e2) {
                    LOG.errorf(
                            e2,
                            "Recording attempt %d of webhook delivery %d failed; it is retried when its lease ends",
                            c.attempt(),
                            c.deliveryId());
                }
            }
        }
    }

    private void wakeAt(Instant at) {
        soonest.accumulateAndGet(at, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    /** The soonest time a message put back by this instance is due (null: none), and forgets it. */
    Instant takeSoonest() {
        return soonest.getAndSet(null);
    }

    List<Claim> claim(String dispatcher) {
        return claim(dispatcher, config.webhooks().batchSize());
    }

    /**
     * Claims up to {@code limit} due deliveries whose subscription is not paused, each for the
     * subscription covering its channel now (whichever was tried before), and logs their attempts.
     */
    // The continuous pipeline (DispatchLoop) claims and records on two threads: two traces, each
    // with its statements and the deliveries' ids.
    @WithSpan("webhook.claim")
    List<Claim> claim(String dispatcher, int limit) {
        Instant now = clock.now();
        String[] paused = peers.entrySet().stream()
                .filter(e -> e.getValue().paused(now))
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        return store.claim(dispatcher, limit, paused, now);
    }

    private Peer peer(String key) {
        return peers.computeIfAbsent(
                key,
                k -> new Peer(
                        config.webhooks().maxInFlight(),
                        config.webhooks().rateLimit().orElse(0.0)));
    }

    /** Sends a round's claims, each subscription's through its own window; the outcomes in the claims' order. */
    List<Outcome> send(List<Claim> claims) {
        return start(claims, new HashMap<>()).stream()
                .map(CompletableFuture::join)
                .toList();
    }

    /**
     * Starts the claims' calls, each through its subscription's lane of {@code lanes} (made when
     * missing), as the window and rate allow; each future completes with its claim's outcome.
     */
    List<CompletableFuture<Outcome>> start(List<Claim> claims, Map<String, Lane> lanes) {
        // Resolved afresh for each batch of claims (DNS answers change), once per endpoint; the
        // call connects to the address checked.
        Map<String, Optional<WebhookTargets.Target>> checked = new HashMap<>();
        Map<String, Lane> touched = new LinkedHashMap<>();
        List<CompletableFuture<Outcome>> results = new ArrayList<>(claims.size());
        for (Claim c : claims) {
            CompletableFuture<Outcome> result = new CompletableFuture<>();
            results.add(result);
            Optional<WebhookTargets.Target> target = checked.computeIfAbsent(c.url(), targets::target);
            if (target.isEmpty()) {
                result.complete(Outcome.failed(WebhookCaller.TARGET_NOT_ALLOWED, 0));
            } else {
                Lane lane = lanes.computeIfAbsent(c.peer(), k -> new Lane(peer(k), caller, clock, timer, firstStep()));
                lane.add(new Lane.Waiting(c, target.get(), result));
                touched.put(c.peer(), lane);
            }
        }
        touched.values().forEach(Lane::pump);
        return results;
    }

    /** A continuous pipeline of this dispatcher under {@code name} (one per running loop). */
    public Pipeline pipeline(String name) {
        return new Pipeline(this, name);
    }

    /** Records a round's outcomes: a few statements for the whole round, whatever its size. */
    void record(List<Claim> claims, List<Outcome> results, String dispatcher) {
        Instant now = clock.now();
        List<Claim> released = new ArrayList<>();
        List<Claim> sent = new ArrayList<>();
        List<Outcome> sentOutcomes = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (results.get(i).released()) {
                released.add(claims.get(i));
            } else {
                sent.add(claims.get(i));
                sentOutcomes.add(results.get(i));
            }
        }
        List<RetryRules.Next> decisions = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        if (!released.isEmpty()) {
            store.unclaim(released, null, dispatcher, now);
            released.forEach(c -> wakeAt(peer(c.peer()).pausedUntil()));
        }
        if (!sent.isEmpty()) {
            store.logAttempts(sent, sentOutcomes);
            Map<Long, Integer> stepsUsed = store.stillOurs(sent, dispatcher);
            for (int i = 0; i < sent.size(); i++) {
                Claim c = sent.get(i);
                Outcome o = sentOutcomes.get(i);
                Integer used = stepsUsed.get(c.deliveryId());
                decisions.add(
                        used == null
                                ? null
                                : RetryRules.next(
                                        o.kind(),
                                        o.retryAfter(),
                                        used,
                                        peer(c.peer()).busyFor(now),
                                        config.webhooks().retrySchedule(),
                                        config.webhooks().downAfter(),
                                        ThreadLocalRandom.current().nextDouble()));
                steps.add(used == null ? 0 : used);
            }
            store.updateDeliveries(sent, sentOutcomes, decisions, now);
        }
        List<DeliveryOutcomes.Delivered> delivered = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            RetryRules.Next n = decisions.get(i);
            if (n == null) {
                continue; // the lease ran out and another dispatcher owns the delivery now
            }
            Claim c = sent.get(i);
            Outcome o = sentOutcomes.get(i);
            if (o.delivered()) {
                if (!c.isRefund()) {
                    continue; // a notification's SMS: its status is its delivery's
                }
                delivered.add(new DeliveryOutcomes.Delivered(c.refundId(), c.messageId(), c.subscriptionId()));
            } else if (o.kind() == RetryRules.Kind.GONE) {
                store.gone(c.subscriptionId(), now);
            } else if ("FAILED".equals(n.status())) {
                audit.record(
                        "webhook.delivery-failed",
                        "webhook-delivery",
                        Long.toString(c.deliveryId()),
                        null,
                        null,
                        Map.of(
                                c.isRefund() ? "refundId" : "notificationId",
                                c.isRefund() ? c.refundId() : c.notificationId(),
                                "attempts",
                                steps.get(i) + n.steps(),
                                "lastStatusCode",
                                o.status(),
                                "lastError",
                                o.error() == null ? "" : o.error()));
            } else {
                wakeAt(now.plus(n.delay()));
            }
        }
        if (!delivered.isEmpty()) {
            outcomes.delivered(delivered);
        }
    }

    private Duration firstStep() {
        List<Duration> schedule = config.webhooks().retrySchedule();
        return schedule.isEmpty() ? Duration.ofSeconds(5) : schedule.get(0);
    }
}
