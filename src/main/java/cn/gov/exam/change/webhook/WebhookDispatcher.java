package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;

import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers the outbox at least once (DESIGN.md rule 6). A round claims due deliveries and writes
 * their attempts in one statement ({@code FOR UPDATE SKIP LOCKED} and a lease), commits, makes the
 * HTTP calls outside any transaction on keep-alive connections, at most a window of them in
 * flight per subscription ({@link Peer}), then records the round's outcomes in one transaction.
 * Several instances share the work without sending one attempt twice (the claim, and a unique key
 * per attempt); a dispatcher that dies mid-round loses nothing: its lease runs out and another
 * sends the same message again, with the same webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** This instance's name in claims and attempts. */
    public static final String INSTANCE = "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);
    /** The attempt's error when the endpoint resolves to an address webhooks may not reach. */
    static final String TARGET_NOT_ALLOWED = "target not allowed";
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Inject
    EntityManager em;
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

    @Inject
    Vertx vertx;

    /**
     * Vert.x's client, on the event loops: keep-alive connections per address, redirects not
     * followed. (The JDK client completes each asynchronous call through CompletableFuture's
     * default executor, on 2 cores a new thread per call.) The peer's window, not the pool, limits
     * the calls in flight; the pool only keeps the connections.
     */
    private HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-rate-timer");
        t.setDaemon(true);
        return t;
    });
    /** Per subscription and version of it (a changed URL or re-enabled subscription starts afresh). */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** The soonest moment a message this instance put back becomes due, for the loop's wait. */
    private final AtomicReference<Instant> soonest = new AtomicReference<>();

    record Claim(long deliveryId, int attempt, long subscriptionId, String peer, String url, List<String> secrets,
                 String messageId, String payload, long refundId) {
    }

    /** What a call came to; {@code error} is one of a few neutral words, never an exception's text. */
    record Outcome(int status, Duration retryAfter, String error, int durationMs, boolean released) {
        /** Not sent: its subscription was paused while it waited for a slot. */
        static final Outcome RELEASED = new Outcome(0, Duration.ZERO, null, 0, true);

        static Outcome failed(String error, int durationMs) {
            return new Outcome(0, Duration.ZERO, error, durationMs, false);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }

        RetryRules.Kind kind() {
            return RetryRules.kind(status, error);
        }
    }

    @PostConstruct
    void open() {
        int connections = Math.max(64, 4 * config.webhooks().maxInFlight());
        http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true).setConnectTimeout(CONNECT_TIMEOUT_MS).setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(connections));
        // A receiver that speaks garbage fails its call (logged as "invalid response"); without a
        // handler Vert.x would log the connection's error, with the receiver's bytes, at ERROR.
        http.connectionHandler(c -> c.exceptionHandler(e -> LOG.debugf("Webhook connection error: %s", e.toString())));
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        http.close();
    }

    /** One round: claim, send, record. Returns how many deliveries were claimed. */
    public int dispatchOnce(String dispatcher) {
        return dispatchOnce(dispatcher, config.webhooks().batchSize());
    }

    // requiringNew in this class: the dispatcher's threads have no transaction of their own, and a
    // claim and its outcomes each commit by themselves so that none is held open across a call.
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
                    LOG.errorf(e2, "Recording attempt %d of webhook delivery %d failed; it is retried when its lease ends",
                            c.attempt(), c.deliveryId());
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

    private static final String CLAIM = """
            with due as (
                select d.id, s.id as subscription_id, k.peer
                from webhook_delivery d
                join webhook_subscription s on s.enabled and d.channel = any(s.channels)
                cross join lateral (select s.id::text || '@'
                                    || floor(extract(epoch from s.updated_at) * 1000000)::bigint::text as peer) k
                where d.status = 'PENDING' and d.next_attempt_at <= ?
                  and (d.claimed_until is null or d.claimed_until <= ?)
                  and k.peer <> all(?)
                order by d.next_attempt_at, d.id
                limit ?
                for update of d skip locked
            ), claimed as (
                update webhook_delivery d set attempts_total = d.attempts_total + 1, claimed_by = ?, claimed_until = ?,
                    subscription_id = due.subscription_id, updated_at = ?
                from due where d.id = due.id
                returning d.id, d.attempts_total, d.subscription_id, due.peer, d.message_id, d.payload, d.refund_id
            ), logged as (
                insert into webhook_attempt (delivery_id, attempt, subscription_id, dispatcher, started_at)
                select id, attempts_total, subscription_id, ?, ? from claimed
            )
            select * from claimed order by id""";

    /**
     * Claims up to {@code limit} due deliveries whose subscription is not paused, each for the
     * subscription covering its channel now (whichever was tried before), and logs their attempts.
     */
    List<Claim> claim(String dispatcher, int limit) {
        Instant now = clock.now();
        String[] paused = peers.entrySet().stream().filter(e -> e.getValue().paused(now)).map(Map.Entry::getKey)
                .toArray(String[]::new);
        List<Object[]> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(CLAIM)) {
                Timestamp at = Timestamp.from(now);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setArray(3, conn.createArrayOf("text", paused));
                ps.setInt(4, limit);
                ps.setString(5, dispatcher);
                ps.setTimestamp(6, Timestamp.from(now.plus(config.webhooks().lease())));
                ps.setTimestamp(7, at);
                ps.setString(8, dispatcher);
                ps.setTimestamp(9, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[]{rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7)});
                    }
                }
            }
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> settled = outcomes.settled(rows.stream().map(r -> (Long) r[6]).distinct().toList());
        Map<Long, WebhookSubscription> subscriptions = new HashMap<>();
        List<Claim> claims = new ArrayList<>();
        List<Claim> done = new ArrayList<>();
        for (Object[] r : rows) {
            WebhookSubscription s = subscriptions.computeIfAbsent((Long) r[2], id -> em.find(WebhookSubscription.class, id));
            Claim c = new Claim((Long) r[0], (Integer) r[1], s.id, (String) r[3], s.url, s.activeSecrets(now),
                    (String) r[4], (String) r[5], (Long) r[6]);
            (settled.contains(c.refundId()) ? done : claims).add(c);
        }
        if (!done.isEmpty()) {
            // The refund's outcome is known (as earlier versions could leave it): nothing to send.
            em.unwrap(Session.class).doWork(conn -> unclaim(conn, done, "DELIVERED", dispatcher, now));
        }
        return claims;
    }

    private Peer peer(String key) {
        return peers.computeIfAbsent(key, k -> new Peer(config.webhooks().maxInFlight(),
                config.webhooks().rateLimit().orElse(0.0)));
    }

    /** Sends a round's claims, each subscription's through its own window; the outcomes in the claims' order. */
    List<Outcome> send(List<Claim> claims) {
        return start(claims, new HashMap<>()).stream().map(CompletableFuture::join).toList();
    }

    /**
     * Starts the claims' calls, each through its subscription's lane of {@code lanes} (made when
     * missing), as the window and rate allow; each future completes with its claim's outcome.
     */
    private List<CompletableFuture<Outcome>> start(List<Claim> claims, Map<String, Lane> lanes) {
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
                result.complete(Outcome.failed(TARGET_NOT_ALLOWED, 0));
            } else {
                Lane lane = lanes.computeIfAbsent(c.peer(), k -> new Lane(peer(k)));
                lane.add(new Waiting(c, target.get(), result));
                touched.put(c.peer(), lane);
            }
        }
        touched.values().forEach(Lane::pump);
        return results;
    }

    /** A claim whose call has ended (or was released unsent), waiting to be recorded. */
    private record Ended(Claim claim, Outcome outcome) {
    }

    /**
     * The loop's continuous delivery: claims more as earlier calls end, so that each peer's window
     * stays full, while the ended calls' outcomes are recorded in batches, one transaction each, by
     * another thread. Each subscription has one lane, kept from batch to batch. Claimed deliveries
     * not yet recorded stay this dispatcher's (claimed_by, lease), so neither this nor another
     * instance claims them again meanwhile.
     */
    public final class Pipeline {
        private final String name;
        private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
        private final LinkedBlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final Semaphore progress = new Semaphore(0);

        Pipeline(String name) {
            this.name = name;
        }

        /** Deliveries claimed and not yet recorded. */
        public int outstanding() {
            return outstanding.get();
        }

        /** Claims up to {@code limit} due deliveries and starts their calls; how many it claimed. */
        public int claimMore(int limit) {
            List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claim(name, limit));
            if (claims.isEmpty()) {
                return 0;
            }
            outstanding.addAndGet(claims.size());
            List<CompletableFuture<Outcome>> results;
            try {
                results = start(claims, lanes);
            } catch (RuntimeException | Error e) {
                // Not started as a whole: the claims wait for their lease, and the budget is not lost.
                outstanding.addAndGet(-claims.size());
                throw e;
            }
            for (int i = 0; i < claims.size(); i++) {
                Claim c = claims.get(i);
                results.get(i).whenComplete((o, e) -> ended.add(new Ended(c, o != null ? o : Outcome.failed(describe(e), 0))));
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
                recordAll(batch.stream().map(Ended::claim).toList(), batch.stream().map(Ended::outcome).toList(), name);
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

    /** A continuous pipeline of this dispatcher under {@code name} (one per running loop). */
    public Pipeline pipeline(String name) {
        return new Pipeline(name);
    }

    /** A claim waiting in its lane for a slot, with where to call. */
    private record Waiting(Claim claim, WebhookTargets.Target target, CompletableFuture<Outcome> result) {
    }

    /** One subscription's claims (of a round, or of a pipeline), started as its window and rate allow. */
    private final class Lane {
        final Peer peer;
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

        Lane(Peer peer) {
            this.peer = peer;
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
                call(next.claim(), next.target()).whenComplete((o, e) -> {
                    Outcome out = o != null ? o : Outcome.failed(describe(e), 0);
                    peer.finished(slot, out.kind(), out.retryAfter(), clock.now(), firstStep());
                    next.result().complete(out);
                    pump();
                });
            }
        }
    }

    /** The call of a claim; its future completes on an event loop, and never exceptionally. */
    CompletableFuture<Outcome> call(Claim c, WebhookTargets.Target target) {
        // Receivers check the timestamp against their own clock: it is real time, not the service's.
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(new URL(c.url()))
                    .setIdleTimeout(config.webhooks().timeout().toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("webhook-id", c.messageId())
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", WebhookSigner.header(c.secrets(), c.messageId(), timestamp, c.payload()));
            target.address().ifPresent(a -> options.setServer(SocketAddress.inetSocketAddress(options.getPort(), a.getHostAddress())));
        } catch (MalformedURLException | RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed("invalid URL", 0));
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();
        AtomicBoolean late = new AtomicBoolean();
        http.request(options).compose(request -> {
            // The idle timeout ends a silent receiver; this one a receiver trickling its answer too.
            long cutOff = vertx.setTimer(config.webhooks().timeout().toMillis() + 5_000, t -> {
                late.set(true);
                request.reset(0, new TimeoutException("webhook call"));
            });
            return request.send(Buffer.buffer(c.payload())).compose(response -> response.end().map(v -> response))
                    .onComplete(ar -> vertx.cancelTimer(cutOff));
        }).onComplete(ar -> outcome.complete(ar.succeeded()
                ? new Outcome(ar.result().statusCode(), retryAfter(ar.result().getHeader("Retry-After"), clock.now(),
                maxRetryAfter()), null, millis(start), false)
                : Outcome.failed(late.get() ? "timeout" : describe(ar.cause()), millis(start))));
        return outcome;
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
        em.unwrap(Session.class).doWork(conn -> {
            if (!released.isEmpty()) {
                unclaim(conn, released, null, dispatcher, now);
                released.forEach(c -> wakeAt(peer(c.peer()).pausedUntil()));
            }
            if (sent.isEmpty()) {
                return;
            }
            logAttempts(conn, sent, sentOutcomes);
            Map<Long, Integer> stepsUsed = stillOurs(conn, sent, dispatcher);
            for (int i = 0; i < sent.size(); i++) {
                Claim c = sent.get(i);
                Outcome o = sentOutcomes.get(i);
                Integer used = stepsUsed.get(c.deliveryId());
                decisions.add(used == null ? null : RetryRules.next(o.kind(), o.retryAfter(), used,
                        peer(c.peer()).busyFor(now), config.webhooks().retrySchedule(), config.webhooks().downAfter(),
                        ThreadLocalRandom.current().nextDouble()));
                steps.add(used == null ? 0 : used);
            }
            updateDeliveries(conn, sent, sentOutcomes, decisions, now);
        });
        List<DeliveryOutcomes.Delivered> delivered = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            RetryRules.Next n = decisions.get(i);
            if (n == null) {
                continue; // the lease ran out and another dispatcher owns the delivery now
            }
            Claim c = sent.get(i);
            Outcome o = sentOutcomes.get(i);
            if (o.delivered()) {
                delivered.add(new DeliveryOutcomes.Delivered(c.refundId(), c.messageId(), c.subscriptionId()));
            } else if (o.kind() == RetryRules.Kind.GONE) {
                gone(c.subscriptionId(), now);
            } else if ("FAILED".equals(n.status())) {
                audit.record("webhook.delivery-failed", "webhook-delivery", Long.toString(c.deliveryId()), null, null,
                        Map.of("refundId", c.refundId(), "attempts", steps.get(i) + n.steps(),
                                "lastStatusCode", o.status(), "lastError", o.error() == null ? "" : o.error()));
            } else {
                wakeAt(now.plus(n.delay()));
            }
        }
        if (!delivered.isEmpty()) {
            outcomes.delivered(delivered);
        }
    }

    private static void logAttempts(Connection conn, List<Claim> sent, List<Outcome> results) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                update webhook_attempt a set duration_ms = v.ms, status_code = v.code, error = v.err
                from unnest(?::bigint[], ?::int[], ?::int[], ?::int[], ?::text[]) as v(id, attempt, ms, code, err)
                where a.delivery_id = v.id and a.attempt = v.attempt""")) {
            ps.setArray(1, conn.createArrayOf("bigint", sent.stream().map(Claim::deliveryId).toArray()));
            ps.setArray(2, conn.createArrayOf("int4", sent.stream().map(Claim::attempt).toArray()));
            ps.setArray(3, conn.createArrayOf("int4", results.stream().map(Outcome::durationMs).toArray()));
            ps.setArray(4, conn.createArrayOf("int4", results.stream().map(o -> o.status() == 0 ? null : o.status())
                    .toArray()));
            ps.setArray(5, conn.createArrayOf("text", results.stream().map(Outcome::error).toArray()));
            ps.executeUpdate();
        }
    }

    /** Locks the round's deliveries that are still this dispatcher's; their steps of the schedule used. */
    private static Map<Long, Integer> stillOurs(Connection conn, List<Claim> sent, String dispatcher)
            throws SQLException {
        Map<Long, Integer> attemptOf = new HashMap<>();
        sent.forEach(c -> attemptOf.put(c.deliveryId(), c.attempt()));
        Map<Long, Integer> ours = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("""
                select id, attempts, attempts_total from webhook_delivery
                where id = any(?) and status = 'PENDING' and claimed_by = ? order by id for update""")) {
            ps.setArray(1, conn.createArrayOf("bigint", attemptOf.keySet().toArray()));
            ps.setString(2, dispatcher);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (attemptOf.get(rs.getLong(1)) == rs.getInt(3)) {
                        ours.put(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
        }
        return ours;
    }

    private void updateDeliveries(Connection conn, List<Claim> sent, List<Outcome> results,
                                  List<RetryRules.Next> decisions, Instant now) throws SQLException {
        List<Object> ids = new ArrayList<>(), statuses = new ArrayList<>(), nexts = new ArrayList<>(),
                steps = new ArrayList<>(), codes = new ArrayList<>(), errors = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            RetryRules.Next n = decisions.get(i);
            if (n == null) {
                continue;
            }
            Outcome o = results.get(i);
            ids.add(sent.get(i).deliveryId());
            statuses.add(n.status());
            nexts.add(now.plus(n.delay()).toString());
            steps.add(n.steps());
            codes.add(o.status() == 0 ? null : o.status());
            errors.add(o.error());
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                update webhook_delivery d set status = v.status, next_attempt_at = v.next::timestamptz,
                    attempts = d.attempts + v.steps, claimed_by = null, claimed_until = null,
                    last_status_code = v.code, last_error = v.err, updated_at = ?
                from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[])
                     as v(id, status, next, steps, code, err)
                where d.id = v.id""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, conn.createArrayOf("bigint", ids.toArray()));
            ps.setArray(3, conn.createArrayOf("text", statuses.toArray()));
            ps.setArray(4, conn.createArrayOf("text", nexts.toArray()));
            ps.setArray(5, conn.createArrayOf("int4", steps.toArray()));
            ps.setArray(6, conn.createArrayOf("int4", codes.toArray()));
            ps.setArray(7, conn.createArrayOf("text", errors.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Gives claims back unsent: their attempts are taken out of the log (no call was made) and the
     * delivery is free again, with {@code status} when given (else as it was).
     */
    private static void unclaim(Connection conn, List<Claim> claims, String status, String dispatcher, Instant now)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                with v as (select * from unnest(?::bigint[], ?::int[]) as v(id, attempt)),
                unlogged as (delete from webhook_attempt a using v where a.delivery_id = v.id and a.attempt = v.attempt)
                update webhook_delivery d set attempts_total = d.attempts_total - 1, claimed_by = null,
                    claimed_until = null, status = coalesce(?, d.status), updated_at = ?
                from v where d.id = v.id and d.claimed_by = ? and d.attempts_total = v.attempt""")) {
            ps.setArray(1, conn.createArrayOf("bigint", claims.stream().map(Claim::deliveryId).toArray()));
            ps.setArray(2, conn.createArrayOf("int4", claims.stream().map(Claim::attempt).toArray()));
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, dispatcher);
            ps.executeUpdate();
        }
    }

    /** The receiver says the endpoint is gone: stop using it; its messages wait for another. */
    private void gone(long subscriptionId, Instant now) {
        int changed = em.createNativeQuery("""
                        update webhook_subscription set enabled = false, disabled_reason = '410 Gone', updated_at = ?2
                        where id = ?1 and enabled""")
                .setParameter(1, subscriptionId).setParameter(2, now).executeUpdate();
        if (changed == 1) {
            audit.record("webhook.subscription-disabled", "webhook-subscription", Long.toString(subscriptionId),
                    null, Map.of("enabled", true), Map.of("enabled", false, "reason", "410 Gone"));
        }
    }

    private Duration firstStep() {
        List<Duration> schedule = config.webhooks().retrySchedule();
        return schedule.isEmpty() ? Duration.ofSeconds(5) : schedule.get(0);
    }

    /** A receiver may ask for a pause, never for more than the longest wait of the schedule. */
    private Duration maxRetryAfter() {
        return config.webhooks().retrySchedule().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110), within [0, max]; zero when unreadable. */
    static Duration retryAfter(String value, Instant now, Duration max) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String v = value.trim();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            // More digits than a long holds is still "a long time": the maximum.
            wait = v.length() > 18 ? max : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Duration.ZERO;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(max) > 0 ? max : wait;
    }

    private static int millis(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A neutral word for a failed call. Exception texts would tell whoever chose the URL what sits
     * at an address (a port scanner with a delivery log); these tell only what a payment system's
     * operator needs.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return RetryRules.CONNECTION_REFUSED;
            }
        }
        return "invalid response";
    }
}
