package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * Delivers the outbox at least once (DESIGN.md rule 6). A round claims due deliveries with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, commits, makes the HTTP calls outside any
 * transaction, then records each outcome. Several instances share the work without sending one
 * attempt twice (the claim, and a unique key per attempt); a dispatcher that dies mid-round loses
 * nothing: its lease runs out and another sends the same message again, with the same webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** This instance's name in claims and attempts. */
    public static final String INSTANCE = "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);
    /** The attempt's error when the endpoint resolves to an address webhooks may not reach. */
    static final String TARGET_NOT_ALLOWED = "target not allowed";

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

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    record Claim(long deliveryId, int attempt, long subscriptionId, String url, List<String> secrets,
                 String messageId, String payload, long refundId) {
    }

    /** What a call came to; {@code error} is one of a few neutral words, never an exception's text. */
    record Outcome(int status, Duration retryAfter, String error, int durationMs) {
        static Outcome failed(String error, int durationMs) {
            return new Outcome(0, Duration.ZERO, error, durationMs);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    @Scheduled(every = "${app.webhooks.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            while (dispatchOnce(INSTANCE) > 0) {
                // drain what is due
            }
        } catch (RuntimeException e) {
            LOG.error("Webhook dispatch round failed; it is retried next round", e);
        }
    }

    /** One round: claim, send, record. Returns how many deliveries were attempted. */
    public int dispatchOnce(String dispatcher) {
        List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claim(dispatcher));
        if (claims.isEmpty()) {
            return 0;
        }
        // Resolved afresh each round (DNS answers change), once per endpoint. The HTTP client asks
        // the JVM's resolver cache (30 s) right after, so it connects to the addresses just checked.
        Map<String, Boolean> allowed = new HashMap<>();
        List<CompletableFuture<Outcome>> calls = claims.stream().map(c -> allowed.computeIfAbsent(c.url(), targets::allowed)
                ? send(c) : CompletableFuture.completedFuture(Outcome.failed(TARGET_NOT_ALLOWED, 0))).toList();
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            // Each outcome on its own: one that cannot be recorded must not keep the others of the
            // round unrecorded (they would be sent again once their lease ran out).
            try {
                Outcome o = calls.get(i).join();
                QuarkusTransaction.requiringNew().run(() -> record(c, o, dispatcher));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Recording attempt %d of webhook delivery %d failed; it is retried when its lease ends",
                        c.attempt(), c.deliveryId());
            }
        }
        return claims.size();
    }

    List<Claim> claim(String dispatcher) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Tuple> due = em.createNativeQuery("""
                        select d.id, d.channel, d.message_id, d.payload, d.refund_id, d.attempts_total
                        from webhook_delivery d
                        where d.status = 'PENDING' and d.next_attempt_at <= ?1
                          and (d.claimed_until is null or d.claimed_until <= ?1)
                          and exists (select 1 from webhook_subscription s where s.enabled and d.channel = any(s.channels))
                          and not exists (select 1 from refund f where f.id = d.refund_id
                                          and f.status in ('SUCCEEDED', 'FAILED'))
                        order by d.next_attempt_at, d.id
                        limit ?2
                        for update of d skip locked""", Tuple.class)
                .setParameter(1, now).setParameter(2, config.webhooks().batchSize()).getResultList();
        // Each delivery goes to the subscription covering its channel now, whichever was tried before.
        Map<String, WebhookSubscription> byChannel = new HashMap<>();
        List<Claim> claims = new ArrayList<>();
        for (Tuple t : due) {
            String channel = (String) t.get(1);
            WebhookSubscription s = byChannel.computeIfAbsent(channel,
                    ch -> WebhookSubscription.covering(ch).orElse(null));
            if (s == null) {
                continue;
            }
            long id = ((Number) t.get(0)).longValue();
            int attempt = ((Number) t.get(5)).intValue() + 1;
            em.createNativeQuery("""
                            update webhook_delivery set attempts = attempts + 1, attempts_total = ?2,
                                claimed_by = ?3, claimed_until = ?4, subscription_id = ?5, updated_at = ?6
                            where id = ?1""")
                    .setParameter(1, id).setParameter(2, attempt).setParameter(3, dispatcher)
                    .setParameter(4, now.plus(config.webhooks().lease())).setParameter(5, s.id).setParameter(6, now)
                    .executeUpdate();
            em.createNativeQuery("""
                            insert into webhook_attempt (delivery_id, attempt, subscription_id, dispatcher, started_at)
                            values (?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, id).setParameter(2, attempt).setParameter(3, s.id).setParameter(4, dispatcher)
                    .setParameter(5, now).executeUpdate();
            claims.add(new Claim(id, attempt, s.id, s.url, s.activeSecrets(now), (String) t.get(2), (String) t.get(3),
                    ((Number) t.get(4)).longValue()));
        }
        return claims;
    }

    CompletableFuture<Outcome> send(Claim c) {
        // Receivers check the timestamp against their own clock: it is real time, not the service's.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            URI uri = URI.create(c.url());
            request = HttpRequest.newBuilder(uri)
                    .timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("webhook-id", c.messageId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.header(c.secrets(), c.messageId(), timestamp, c.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.payload()))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed("invalid URL", 0));
        }
        long start = System.nanoTime();
        try {
            // The request timeout covers the headers only; a receiver trickling its body is cut off too.
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(config.webhooks().timeout().toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .thenApply(r -> new Outcome(r.statusCode(),
                            retryAfter(r.headers().firstValue("Retry-After").orElse(null), clock.now(), maxRetryAfter()),
                            null, millis(start)))
                    .exceptionally(e -> Outcome.failed(describe(e), millis(start)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed(describe(e), millis(start)));
        }
    }

    void record(Claim c, Outcome o, String dispatcher) {
        Instant now = clock.now();
        em.createNativeQuery("""
                        update webhook_attempt set duration_ms = ?3, status_code = ?4, error = ?5
                        where delivery_id = ?1 and attempt = ?2""")
                .setParameter(1, c.deliveryId()).setParameter(2, c.attempt()).setParameter(3, o.durationMs())
                .setParameter(4, o.status() == 0 ? null : o.status()).setParameter(5, o.error()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select attempts, status, claimed_by from webhook_delivery where id = ?1 for update""", Tuple.class)
                .setParameter(1, c.deliveryId()).getResultList();
        Tuple d = rows.get(0);
        if (!"PENDING".equals(d.get(1)) || !dispatcher.equals(d.get(2))) {
            return; // the lease ran out and another dispatcher owns the delivery now
        }
        int attempts = ((Number) d.get(0)).intValue();
        if (o.delivered()) {
            update(c.deliveryId(), "DELIVERED", now, o);
            int sent = em.createNativeQuery(
                            "update refund set status = 'SENT', updated_at = ?2 where id = ?1 and status = 'QUEUED'")
                    .setParameter(1, c.refundId()).setParameter(2, now).executeUpdate();
            if (sent == 1) {
                audit.record("refund.sent", "refund", Long.toString(c.refundId()), null, Map.of("status", "QUEUED"),
                        Map.of("status", "SENT", "webhookId", c.messageId(), "subscriptionId", c.subscriptionId()));
            }
        } else if (o.status() == 410) {
            // The receiver says the endpoint is gone: stop using it; the message waits for another.
            em.createNativeQuery("""
                            update webhook_subscription set enabled = false, disabled_reason = '410 Gone', updated_at = ?2
                            where id = ?1 and enabled""")
                    .setParameter(1, c.subscriptionId()).setParameter(2, now).executeUpdate();
            update(c.deliveryId(), "PENDING", now, o);
            audit.record("webhook.subscription-disabled", "webhook-subscription", Long.toString(c.subscriptionId()),
                    null, Map.of("enabled", true), Map.of("enabled", false, "reason", "410 Gone"));
        } else if (attempts > config.webhooks().retrySchedule().size()) {
            update(c.deliveryId(), "FAILED", now, o);
            audit.record("webhook.delivery-failed", "webhook-delivery", Long.toString(c.deliveryId()), null, null,
                    Map.of("refundId", c.refundId(), "attempts", attempts,
                            "lastStatusCode", o.status(), "lastError", o.error() == null ? "" : o.error()));
        } else {
            Duration wait = jitter(config.webhooks().retrySchedule().get(attempts - 1));
            if (o.retryAfter().compareTo(wait) > 0) {
                wait = o.retryAfter();
            }
            update(c.deliveryId(), "PENDING", now.plus(wait), o);
        }
    }

    private void update(long deliveryId, String status, Instant next, Outcome o) {
        em.createNativeQuery("""
                        update webhook_delivery set status = ?2, next_attempt_at = ?3, claimed_by = null,
                            claimed_until = null, last_status_code = ?4, last_error = ?5, updated_at = ?6
                        where id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, status).setParameter(3, next)
                .setParameter(4, o.status() == 0 ? null : o.status()).setParameter(5, o.error())
                .setParameter(6, clock.now()).executeUpdate();
    }

    /** ±20 %, so that retries of many messages do not arrive together. */
    static Duration jitter(Duration base) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base.toMillis() * factor));
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
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "invalid response";
    }
}
