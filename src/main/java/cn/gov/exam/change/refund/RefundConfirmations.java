package cn.gov.exam.change.refund;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import cn.gov.exam.change.webhook.WebhookSigner;
import cn.gov.exam.change.webhook.WebhookSubscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed refund confirmations from payment systems: verified against the secrets of the enabled
 * subscriptions covering the refund's channel, within a few minutes of now, applied once per
 * webhook-id.
 */
@ApplicationScoped
public class RefundConfirmations {
    @Inject
    EntityManager em;
    @Inject
    AppClock clock;
    @Inject
    AppConfig config;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper json;

    public record Confirmation(long refundId, String status, String channelRefundId, String failureReason) {
    }

    @Transactional
    public void apply(String webhookId, String timestamp, String signature, String body) {
        if (webhookId == null || webhookId.isBlank() || webhookId.length() > 100 || timestamp == null || signature == null) {
            throw invalid("The webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw invalid("webhook-timestamp must be seconds since the epoch");
        }
        Instant now = clock.now();
        // Compared as numbers: an absurd timestamp must not overflow into an error.
        if (Math.abs((double) ts - now.getEpochSecond()) > config.webhooks().callbackTolerance().toSeconds()) {
            throw invalid("webhook-timestamp is too far from now");
        }
        // The refund names the channel, whose subscriptions hold the secrets; an unknown or
        // unreadable body cannot be verified and is answered like a bad signature.
        JsonNode node;
        Refund refund;
        try {
            node = json.readTree(body == null ? "" : body);
            refund = node != null && node.path("refundId").canConvertToLong()
                    ? em.find(Refund.class, node.path("refundId").asLong(), LockModeType.PESSIMISTIC_WRITE) : null;
        } catch (Exception e) {
            throw invalid("The signature is not valid");
        }
        if (refund == null) {
            throw invalid("The signature is not valid");
        }
        List<String> secrets = WebhookSubscription.covering(refund.channel).stream()
                .flatMap(s -> s.activeSecrets(now).stream()).toList();
        if (!WebhookSigner.verify(secrets, signature, webhookId, ts, body)) {
            throw invalid("The signature is not valid");
        }
        String status = node.path("status").asText("");
        if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
            throw ProblemException.invalid("status", "must be SUCCEEDED or FAILED");
        }
        int fresh = em.createNativeQuery("""
                        insert into refund_callback (webhook_id, refund_id, status, received_at) values (?1, ?2, ?3, ?4)
                        on conflict (webhook_id) do nothing""")
                .setParameter(1, webhookId).setParameter(2, refund.id).setParameter(3, status).setParameter(4, now)
                .executeUpdate();
        if (fresh == 0 || refund.status == RefundStatus.SUCCEEDED || refund.status == RefundStatus.FAILED) {
            return; // a duplicate, or the refund's outcome is known already
        }
        RefundStatus before = refund.status;
        refund.status = RefundStatus.valueOf(status);
        refund.channelRefundId = text(node, "channelRefundId", 100);
        refund.failureReason = refund.status == RefundStatus.FAILED ? text(node, "failureReason", 500) : null;
        refund.updatedAt = now;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", refund.status.name());
        after.put("webhookId", webhookId);
        after.put("channelRefundId", refund.channelRefundId);
        after.put("failureReason", refund.failureReason);
        audit.recordAs("payment-system", null, refund.status == RefundStatus.SUCCEEDED ? "refund.succeeded" : "refund.failed",
                "refund", refund.id.toString(), null, Map.of("status", before.name()), after);
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_SIGNATURE, detail);
    }
}
