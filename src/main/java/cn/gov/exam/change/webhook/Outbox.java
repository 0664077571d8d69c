package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox of webhooks: a message is written in the transaction of the decision
 * that causes it, with its final body and its webhook-id, and the dispatcher sends it afterwards.
 */
@ApplicationScoped
public class Outbox {
    public static final String REFUND_REQUESTED = "refund.requested";

    @Inject
    EntityManager em;
    @Inject
    AppClock clock;
    @Inject
    ObjectMapper json;

    /** The webhook's {@code data} of a refund. */
    public record RefundData(long refundId, String examCode, String idNumberMasked, String amount, String currency,
                             String channel, String originalTransactionId, String reason) {
    }

    /** Writes one refund.requested message per refund, in one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundRequested(List<RefundData> refunds) {
        Instant now = clock.now();
        Timestamp at = Timestamp.from(now);
        em.unwrap(Session.class).doWork(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    insert into webhook_delivery (refund_id, message_id, event_type, payload, channel, status,
                                                  next_attempt_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")) {
                for (RefundData data : refunds) {
                    ps.setLong(1, data.refundId());
                    ps.setString(2, "msg_" + UUID.randomUUID().toString().replace("-", ""));
                    ps.setString(3, REFUND_REQUESTED);
                    ps.setString(4, payload(data, now));
                    ps.setString(5, data.channel());
                    ps.setTimestamp(6, at);
                    ps.setTimestamp(7, at);
                    ps.setTimestamp(8, at);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
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
}
