package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.webhook.SubscriptionViews.Attempt;
import cn.gov.exam.change.webhook.SubscriptionViews.Delivery;
import cn.gov.exam.change.webhook.SubscriptionViews.GatewayDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of a subscription of either purpose, with their attempts, and their replay: a
 * refund request or a notification's SMS sent again with the same webhook-id.
 */
@ApplicationScoped
public class Deliveries {
    private static final String COLUMNS = """
            select d.id, coalesce(d.refund_id, d.notification_id), d.message_id, d.event_type, d.status,
                   (select count(*) from webhook_attempt a where a.delivery_id = d.id) as attempts, d.next_attempt_at,
                   d.last_status_code, d.last_error, d.created_at, d.attempts as retry_step
            from webhook_delivery d""";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    Outbox outbox;

    @Inject
    DeliveryOutcomes outcomes;

    @Transactional
    public PageResponse<Delivery> deliveries(long subscriptionId, String status, PageParams page) {
        return deliveries(Purpose.REFUND, subscriptionId, status, page);
    }

    @Transactional
    public PageResponse<GatewayDelivery> gatewayDeliveries(long gatewayId, String status, PageParams page) {
        return deliveries(Purpose.NOTIFICATION, gatewayId, status, page).map(Deliveries::gateway);
    }

    private PageResponse<Delivery> deliveries(Purpose purpose, long subscriptionId, String status, PageParams page) {
        WebhookSubscription s = WebhookSubscription.findById(subscriptionId);
        if (s == null || s.purpose != purpose) {
            throw ProblemException.notFound(purpose.noun + " " + subscriptionId);
        }
        String where = "where d.subscription_id = :sub" + (status == null ? "" : " and d.status = :status");
        var q = em.createNativeQuery(
                        COLUMNS + " " + where + " order by d.id desc limit :limit offset :offset", Tuple.class)
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

    /** Sends a refund request again from the start of its retry schedule, with the same webhook-id. */
    @Transactional
    public Delivery replay(long deliveryId) {
        return replay(Purpose.REFUND, deliveryId, null, "webhook.delivery-replayed");
    }

    /** Sends a gateway's delivery again, as {@link #replay(long)}; 404 unless it was this gateway's. */
    @Transactional
    public GatewayDelivery replayGateway(long gatewayId, long deliveryId) {
        return gateway(replay(Purpose.NOTIFICATION, deliveryId, gatewayId, "notification.delivery-replayed"));
    }

    /** Staff resend a notification whose SMS failed: its delivery is replayed (409 unless FAILED). */
    @Transactional
    public GatewayDelivery resendNotification(long notificationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, status from webhook_delivery where notification_id = ?1 for update")
                .setParameter(1, notificationId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS, "Notification " + notificationId + " has no SMS to resend");
        }
        if (!"FAILED".equals(rows.get(0)[1])) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS,
                    "The SMS of notification " + notificationId + " is " + rows.get(0)[1] + ", not FAILED");
        }
        return gateway(
                replay(Purpose.NOTIFICATION, ((Number) rows.get(0)[0]).longValue(), null, "notification.resent"));
    }

    private Delivery replay(Purpose purpose, long deliveryId, Long gatewayId, String action) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select d.id, d.status, d.refund_id, d.notification_id, d.subscription_id
                        from webhook_delivery d where d.id = ?1 for update""", Tuple.class)
                .setParameter(1, deliveryId)
                .getResultList();
        Tuple row = rows.isEmpty() ? null : rows.get(0);
        if (row == null
                || row.get(purpose == Purpose.REFUND ? 2 : 3) == null
                || (gatewayId != null && !gatewayId.equals(number(row.get(4))))) {
            throw ProblemException.notFound(
                    (purpose == Purpose.REFUND ? "Webhook" : "Gateway") + " delivery " + deliveryId);
        }
        if ("PENDING".equals(row.get(1))) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, "Delivery " + deliveryId + " is pending already");
        }
        // A settled refund's request is never sent again (a FAILED one is requeued as a new message).
        if (purpose == Purpose.REFUND
                && !outcomes.settled(List.of(number(row.get(2)))).isEmpty()) {
            throw new ProblemException(
                    ProblemType.REFUND_NOT_ALLOWED,
                    "The refund of delivery " + deliveryId + " is settled: there is nothing to deliver");
        }
        Instant now = clock.now();
        // Due at once, or when its quiet hours end.
        em.createNativeQuery("""
                        update webhook_delivery set status = 'PENDING', attempts = 0,
                            next_attempt_at = greatest(?2, coalesce(not_before, ?2)),
                            claimed_by = null, claimed_until = null, updated_at = ?2 where id = ?1""")
                .setParameter(1, deliveryId)
                .setParameter(2, now)
                .executeUpdate();
        outbox.wakeDispatchers();
        audit.record(
                action,
                "webhook-delivery",
                Long.toString(deliveryId),
                null,
                Map.of("status", row.get(1)),
                Map.of("status", "PENDING"));
        @SuppressWarnings("unchecked")
        Tuple t = ((List<Tuple>) em.createNativeQuery(COLUMNS + " where d.id = ?1", Tuple.class)
                        .setParameter(1, deliveryId)
                        .getResultList())
                .get(0);
        return delivery(t);
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
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

    /** A delivery read by the shared code, as a gateway's: its subject is the notification. */
    private static GatewayDelivery gateway(Delivery d) {
        return new GatewayDelivery(
                d.id(),
                d.refundId(),
                d.webhookId(),
                d.eventType(),
                d.status(),
                d.attempts(),
                d.nextAttemptAt(),
                d.lastStatusCode(),
                d.lastError(),
                d.createdAt(),
                d.retryStep(),
                d.attemptLog());
    }
}
