package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.registration.PaymentChannel;
import cn.gov.exam.change.webhook.SubscriptionViews.Attempt;
import cn.gov.exam.change.webhook.SubscriptionViews.Delivery;
import cn.gov.exam.change.webhook.SubscriptionViews.Subscription;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionChange;
import cn.gov.exam.change.webhook.SubscriptionViews.SubscriptionRequest;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Payment systems' webhook subscriptions, and their deliveries. */
@ApplicationScoped
public class SubscriptionService {
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
    Outbox outbox;

    @Inject
    DeliveryOutcomes outcomes;

    @Transactional
    public Subscription create(SubscriptionRequest r) {
        targets.requireAllowed(r.url());
        List<String> channels = channels(r.channels());
        requireUncovered(null, channels);
        WebhookSubscription s = new WebhookSubscription();
        s.url = r.url();
        s.channels = channels;
        s.secret = WebhookSigner.newSecret();
        s.enabled = true;
        s.createdAt = clock.now();
        s.updatedAt = s.createdAt;
        s.persist();
        audit.record(
                "webhook.subscription-created",
                "webhook-subscription",
                s.id.toString(),
                null,
                null,
                Map.of("url", s.url, "channels", s.channels));
        dueNow(s.channels);
        return view(s, s.secret);
    }

    /** A payment system moves its endpoint or changes its channels; the secret stays. */
    @Transactional
    public Subscription change(long id, SubscriptionChange r) {
        if (r.url() == null && r.channels() == null) {
            throw ProblemException.invalid("url", "url or channels is required");
        }
        if (r.url() != null) {
            targets.requireAllowed(r.url());
        }
        if (r.channels() != null && r.channels().isEmpty()) {
            throw ProblemException.invalid("channels", "must not be empty");
        }
        WebhookSubscription s = lock(id);
        List<String> channels = r.channels() == null ? s.channels : channels(r.channels());
        if (s.enabled) {
            requireUncovered(s.id, channels);
        }
        Map<String, Object> before = Map.of("url", s.url, "channels", s.channels);
        List<String> affected = new ArrayList<>(s.channels);
        affected.addAll(channels);
        s.url = r.url() == null ? s.url : r.url();
        s.channels = channels;
        s.updatedAt = clock.now();
        audit.record(
                "webhook.subscription-updated",
                "webhook-subscription",
                s.id.toString(),
                null,
                before,
                Map.of("url", s.url, "channels", s.channels));
        if (s.enabled) {
            dueNow(affected);
        }
        return view(s, null);
    }

    @Transactional
    public Subscription enable(long id) {
        WebhookSubscription s = lock(id);
        if (!s.enabled) {
            requireUncovered(s.id, s.channels);
            s.enabled = true;
            s.disabledReason = null;
            s.updatedAt = clock.now();
            audit.record(
                    "webhook.subscription-enabled",
                    "webhook-subscription",
                    s.id.toString(),
                    null,
                    Map.of("enabled", false),
                    Map.of("enabled", true));
            dueNow(s.channels);
        }
        return view(s, null);
    }

    private static List<String> channels(List<PaymentChannel> channels) {
        return channels.stream().map(Enum::name).distinct().sorted().toList();
    }

    /**
     * At most one enabled subscription covers a channel, so that a channel's refunds have one
     * receiver. Creations, enables and changes take one transaction-scoped lock first, so that two
     * of them cannot both find a channel free.
     */
    private void requireUncovered(Long self, List<String> channels) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('webhook_subscription.channels'))")
                .getSingleResult();
        for (WebhookSubscription other : WebhookSubscription.allEnabled()) {
            if (other.id.equals(self)) {
                continue;
            }
            List<String> overlap =
                    other.channels.stream().filter(channels::contains).sorted().toList();
            if (!overlap.isEmpty()) {
                throw new ProblemException(
                                ProblemType.CHANNEL_ALREADY_SUBSCRIBED,
                                "Subscription " + other.id + " covers " + String.join(", ", overlap) + " already")
                        .with("subscriptionId", other.id)
                        .with("channels", overlap);
            }
        }
    }

    /**
     * The subscription covering these channels changed: their pending deliveries are due at once
     * (the dispatcher sends each to whichever subscription covers its channel when it claims it),
     * instead of waiting out a retry schedule built up against the previous endpoint.
     */
    private void dueNow(List<String> channels) {
        Instant now = clock.now();
        em.createNativeQuery("""
                        update webhook_delivery set next_attempt_at = ?1, updated_at = ?1
                        where status = 'PENDING' and next_attempt_at > ?1 and channel = any(?2)""")
                .setParameter(1, now)
                .setParameter(2, channels.toArray(String[]::new))
                .executeUpdate();
        outbox.wakeDispatchers();
    }

    public PageResponse<Subscription> list(PageParams page) {
        var q = WebhookSubscription.<WebhookSubscription>findAll(Sort.by("id"));
        return new PageResponse<>(
                q.page(page.page, page.size).list().stream()
                        .map(s -> view(s, null))
                        .toList(),
                page.page,
                page.size,
                q.count());
    }

    @Transactional
    public Subscription disable(long id) {
        WebhookSubscription s = lock(id);
        if (s.enabled) {
            s.enabled = false;
            s.disabledReason = "disabled by " + audit.currentActor();
            s.updatedAt = clock.now();
            audit.record(
                    "webhook.subscription-disabled",
                    "webhook-subscription",
                    s.id.toString(),
                    null,
                    Map.of("enabled", true),
                    Map.of("enabled", false));
        }
        return view(s, null);
    }

    /** A new secret, shown once; the old one keeps signing and verifying for the grace period. */
    @Transactional
    public Subscription rotate(long id) {
        WebhookSubscription s = lock(id);
        Instant now = clock.now();
        s.previousSecret = s.secret;
        s.previousSecretExpiresAt = now.plus(config.webhooks().secretGracePeriod());
        s.secret = WebhookSigner.newSecret();
        s.updatedAt = now;
        audit.record(
                "webhook.secret-rotated",
                "webhook-subscription",
                s.id.toString(),
                null,
                null,
                Map.of("previousSecretExpiresAt", s.previousSecretExpiresAt.toString()));
        return view(s, s.secret);
    }

    @Transactional
    public PageResponse<Delivery> deliveries(long subscriptionId, String status, PageParams page) {
        if (WebhookSubscription.findById(subscriptionId) == null) {
            throw ProblemException.notFound("Webhook subscription " + subscriptionId);
        }
        String where = "where d.subscription_id = :sub" + (status == null ? "" : " and d.status = :status");
        var q = em.createNativeQuery("""
                select d.id, d.refund_id, d.message_id, d.event_type, d.status,
                       (select count(*) from webhook_attempt a where a.delivery_id = d.id) as attempts, d.next_attempt_at,
                       d.last_status_code, d.last_error, d.created_at, d.attempts as retry_step
                from webhook_delivery d""" + " " + where + " order by d.id desc limit :limit offset :offset", Tuple.class)
                .setParameter("sub", subscriptionId)
                .setParameter("limit", page.size)
                .setParameter("offset", page.offset());
        var count = em.createNativeQuery("select count(*) from webhook_delivery d " + where)
                .setParameter("sub", subscriptionId);
        if (status != null) {
            q.setParameter("status", status);
            count.setParameter("status", status);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = q.getResultList();
        List<Delivery> items = rows.stream().map(this::delivery).toList();
        return new PageResponse<>(items, page.page, page.size, ((Number) count.getSingleResult()).longValue());
    }

    /** Sends a delivery again from the start of its retry schedule, with the same webhook-id. */
    @Transactional
    public Delivery replay(long deliveryId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select d.id, d.status, d.refund_id from webhook_delivery d where d.id = ?1 for update""", Tuple.class)
                .setParameter(1, deliveryId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Webhook delivery " + deliveryId);
        }
        if ("PENDING".equals(rows.get(0).get(1))) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, "Delivery " + deliveryId + " is pending already");
        }
        // A settled refund's request is never sent again (a FAILED one is requeued as a new message).
        if (!outcomes.settled(List.of(((Number) rows.get(0).get(2)).longValue()))
                .isEmpty()) {
            throw new ProblemException(
                    ProblemType.REFUND_NOT_ALLOWED,
                    "The refund of delivery " + deliveryId + " is settled: there is nothing to deliver");
        }
        Instant now = clock.now();
        em.createNativeQuery("""
                        update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?2,
                            claimed_by = null, claimed_until = null, updated_at = ?2 where id = ?1""")
                .setParameter(1, deliveryId)
                .setParameter(2, now)
                .executeUpdate();
        outbox.wakeDispatchers();
        audit.record(
                "webhook.delivery-replayed",
                "webhook-delivery",
                Long.toString(deliveryId),
                null,
                Map.of("status", rows.get(0).get(1)),
                Map.of("status", "PENDING"));
        @SuppressWarnings("unchecked")
        Tuple t = ((List<Tuple>) em.createNativeQuery("""
                        select d.id, d.refund_id, d.message_id, d.event_type, d.status,
                       (select count(*) from webhook_attempt a where a.delivery_id = d.id) as attempts, d.next_attempt_at,
                               d.last_status_code, d.last_error, d.created_at, d.attempts as retry_step from webhook_delivery d where d.id = ?1""", Tuple.class)
                        .setParameter(1, deliveryId)
                        .getResultList())
                .get(0);
        return delivery(t);
    }

    private Delivery delivery(Tuple t) {
        long id = ((Number) t.get(0)).longValue();
        @SuppressWarnings("unchecked")
        List<Tuple> attempts =
                em.createNativeQuery("""
                        select attempt, subscription_id, dispatcher, started_at, duration_ms, status_code, error
                        from webhook_attempt where delivery_id = ?1 order by attempt""", Tuple.class).setParameter(1, id).getResultList();
        return new Delivery(
                id,
                ((Number) t.get(1)).longValue(),
                (String) t.get(2),
                (String) t.get(3),
                (String) t.get(4),
                ((Number) t.get(5)).intValue(),
                SqlValues.instant(t.get(6)),
                t.get(7) == null ? null : ((Number) t.get(7)).intValue(),
                (String) t.get(8),
                SqlValues.instant(t.get(9)),
                ((Number) t.get(10)).intValue(),
                attempts.stream()
                        .map(a -> new Attempt(
                                ((Number) a.get(0)).intValue(),
                                ((Number) a.get(1)).longValue(),
                                (String) a.get(2),
                                SqlValues.instant(a.get(3)),
                                a.get(4) == null ? null : ((Number) a.get(4)).intValue(),
                                a.get(5) == null ? null : ((Number) a.get(5)).intValue(),
                                (String) a.get(6)))
                        .toList());
    }

    private WebhookSubscription lock(long id) {
        WebhookSubscription s = em.find(WebhookSubscription.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw ProblemException.notFound("Webhook subscription " + id);
        }
        return s;
    }

    private static Subscription view(WebhookSubscription s, String secret) {
        return new Subscription(
                s.id, s.url, s.channels, s.enabled, s.disabledReason, secret, s.previousSecretExpiresAt, s.createdAt);
    }
}
