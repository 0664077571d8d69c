package cn.gov.exam.change.webhook;

import cn.gov.exam.change.common.AppClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void refundRequested(RefundData data) {
        Instant now = clock.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", REFUND_REQUESTED);
        body.put("timestamp", now.toString());
        body.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("""
                        insert into webhook_delivery (refund_id, message_id, event_type, payload, channel, status,
                                                      next_attempt_at, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, 'PENDING', ?6, ?6, ?6)""")
                .setParameter(1, data.refundId()).setParameter(2, "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .setParameter(3, REFUND_REQUESTED).setParameter(4, payload).setParameter(5, data.channel())
                .setParameter(6, now).executeUpdate();
    }
}
