package cn.gov.exam.change.webhook;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.sql.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox of webhooks: a message is written in the transaction of the decision
 * that causes it, with its final body and its webhook-id, and the dispatcher sends it afterwards.
 */
@ApplicationScoped
public class Outbox {
    public static final String REFUND_REQUESTED = "refund.requested";
    public static final String NOTIFICATION_REQUESTED = "notification.requested";

    /**
     * The tail of a statement that writes new notifications' SMS into the outbox: {@code insert …
     * select} from a relation {@code sms(notification_id, exam_code, kind, mobile, text, stamp,
     * created_at, not_before)} ({@code stamp}: created_at as ISO-8601 text). The notification
     * package composes it after the insert of its notifications, so that a notification and its
     * SMS are written by one statement (a crash loses neither; 50,000 take one round trip). Each
     * message is due at {@code not_before} (quiet hours), and stays so when its gateway changes.
     */
    public static final String SMS_DELIVERIES = """
            insert into webhook_delivery (notification_id, message_id, event_type, payload, channel, status,
                                          next_attempt_at, not_before, created_at, updated_at)
            select sms.notification_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'notification.requested',
                   json_build_object('type', 'notification.requested', 'timestamp', sms.stamp,
                                     'data', json_build_object('notificationId', sms.notification_id,
                                                               'examCode', sms.exam_code, 'kind', sms.kind,
                                                               'mobile', sms.mobile, 'text', sms.text,
                                                               'createdAt', sms.stamp))::text,
                   'SMS', 'PENDING', sms.not_before, sms.not_before, sms.created_at, sms.created_at
            from sms""";

    /** Wakes every dispatcher at commit (see {@link #wakeDispatchers()}), as an expression of a statement. */
    public static final String WAKE = "pg_notify('" + DispatchLoop.CHANNEL + "', '')";

    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    ObjectMapper json;

    @Inject
    AuditService audit;

    /** The webhook's {@code data} of a refund. */
    public record RefundData(
            long refundId,
            String examCode,
            String idNumberMasked,
            String amount,
            String currency,
            String channel,
            String originalTransactionId,
            String reason) {}

    /**
     * Writes one refund.requested message per refund, in one statement however many (the deadline
     * job's: every refund of an exam), the columns bound as arrays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundRequested(List<RefundData> refunds) {
        if (refunds.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        int n = refunds.size();
        Long[] refundIds = new Long[n];
        String[] messageIds = new String[n], payloads = new String[n], channels = new String[n];
        for (int i = 0; i < n; i++) {
            RefundData data = refunds.get(i);
            refundIds[i] = data.refundId();
            messageIds[i] = "msg_" + UUID.randomUUID().toString().replace("-", "");
            payloads[i] = payload(data, now);
            channels[i] = data.channel();
        }
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    insert into webhook_delivery (refund_id, message_id, event_type, payload, channel, status,
                                                  next_attempt_at, created_at, updated_at)
                    select m.refund_id, m.message_id, ?, m.payload, m.channel, 'PENDING', ?, ?, ?
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])
                         with ordinality as m(refund_id, message_id, payload, channel, n)
                    order by m.n""")) {
                Timestamp at = Timestamp.from(now);
                ps.setString(1, REFUND_REQUESTED);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                ps.setTimestamp(4, at);
                ps.setArray(5, conn.createArrayOf("bigint", refundIds));
                ps.setArray(6, conn.createArrayOf("text", messageIds));
                ps.setArray(7, conn.createArrayOf("text", payloads));
                ps.setArray(8, conn.createArrayOf("text", channels));
                ps.executeUpdate();
            }
        });
        wakeDispatchers();
    }

    /**
     * Wakes every instance's dispatcher when the current transaction commits (PostgreSQL delivers
     * a NOTIFY only then, once per transaction however often it is sent), so that a decision's
     * refund goes out at once rather than on the next poll.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wakeDispatchers() {
        em.createNativeQuery("select pg_notify('" + DispatchLoop.CHANNEL + "', '')")
                .getSingleResult();
    }

    /**
     * Locks the refund's deliveries. Whoever changes a delivery and its refund together locks the
     * delivery first, as the dispatcher does, so that the two never wait for each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockDeliveries(long refundId) {
        em.createNativeQuery("select id from webhook_delivery where refund_id = ?1 order by id for update")
                .setParameter(1, refundId)
                .getResultList();
    }

    /**
     * The refund is settled (confirmed SUCCEEDED or FAILED): its pending deliveries have nothing
     * left to deliver and are marked DELIVERED, so that no dispatcher sends them again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(long refundId, String refundStatus) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        update webhook_delivery set status = 'DELIVERED', claimed_by = null, claimed_until = null,
                            updated_at = ?2
                        where refund_id = ?1 and status = 'PENDING' returning id""")
                .setParameter(1, refundId)
                .setParameter(2, now)
                .getResultList();
        for (Number id : ids) {
            audit.recordAs(
                    "payment-system",
                    null,
                    "webhook.delivery-settled",
                    "webhook-delivery",
                    id.toString(),
                    null,
                    Map.of("status", "PENDING"),
                    Map.of("status", "DELIVERED", "refundStatus", refundStatus));
        }
    }

    private String payload(RefundData data, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", REFUND_REQUESTED);
        body.put("timestamp", now.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The retention purge of an exam: its SMS messages in the outbox keep the mobile number masked
     * (138****5678) and nothing else of it. Returns how many were masked.
     */
    public int maskSmsMobilesOf(String examCode) {
        return em.createNativeQuery("""
                        update webhook_delivery set payload = jsonb_set(payload::jsonb, '{data,mobile}',
                            to_jsonb(left(payload::jsonb #>> '{data,mobile}', 3) || '****'
                                     || right(payload::jsonb #>> '{data,mobile}', 4)))::text
                        where notification_id is not null and payload::jsonb #>> '{data,examCode}' = ?1
                          and payload::jsonb #>> '{data,mobile}' not like '%*%'""").setParameter(1, examCode).executeUpdate();
    }
}
