package cn.gov.exam.change.refund;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.notification.Notifier;
import cn.gov.exam.change.receipt.Receipts;
import cn.gov.exam.change.webhook.Outbox;
import cn.gov.exam.change.webhook.WebhookSigner;
import cn.gov.exam.change.webhook.WebhookSubscription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed refund confirmations from payment systems. The signature is checked over the raw body
 * against the secrets of the enabled subscriptions before anything parses the body or touches a
 * refund; then the refund must be of a channel the signing subscription covers. Within a few
 * minutes of now, applied once per webhook-id of the signing subscription.
 */
@ApplicationScoped
public class RefundConfirmations {
    @Inject
    Notifier notifier;

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

    @Inject
    Outbox outbox;

    @Inject
    Receipts receipts;

    /** What a payment system says of one refund, read from a body whose signature was verified. */
    record Confirmation(long refundId, RefundStatus status, String channelRefundId, String failureReason) {}

    @Transactional
    public void apply(String webhookId, String timestamp, String signature, byte[] body) {
        Instant now = clock.now();
        byte[] raw = body == null ? new byte[0] : body;
        List<WebhookSubscription> signers = signers(webhookId, timestamp, signature, raw, now);
        Confirmation confirmation = read(raw);
        Refund refund = em.find(Refund.class, confirmation.refundId());
        // An unknown refund and another channel's are answered alike: a payment system learns
        // nothing about refunds outside its channels.
        if (refund == null || signers.stream().noneMatch(s -> s.channels.contains(refund.channel))) {
            throw invalid("The signature is not valid for this refund");
        }
        // The replay key is the webhook-id within the subscription that signed it (one enabled
        // subscription covers a channel): another payment system's ids never collide with it.
        long subscriptionId = signers.stream()
                .filter(s -> s.channels.contains(refund.channel))
                .mapToLong(s -> s.id)
                .min()
                .orElseThrow();
        String bodyHash = BodyHash.sha256(raw);
        outbox.lockDeliveries(refund.id);
        em.refresh(refund, LockModeType.PESSIMISTIC_WRITE);
        int fresh = em.createNativeQuery("""
                        insert into refund_callback (subscription_id, webhook_id, refund_id, status, received_at, body_sha256)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (subscription_id, webhook_id) do nothing""")
                .setParameter(1, subscriptionId)
                .setParameter(2, webhookId)
                .setParameter(3, refund.id)
                .setParameter(4, confirmation.status().name())
                .setParameter(5, now)
                .setParameter(6, bodyHash)
                .executeUpdate();
        if (fresh == 0) {
            Object earlier = em.createNativeQuery("""
                            select body_sha256 from refund_callback where subscription_id = ?1 and webhook_id = ?2""")
                    .setParameter(1, subscriptionId)
                    .setParameter(2, webhookId)
                    .getSingleResult();
            if (!bodyHash.equals(earlier)) {
                throw new ProblemException(
                        ProblemType.WEBHOOK_ID_REUSED,
                        "This webhook-id came with another message before: a new message needs a new webhook-id");
            }
            return; // a repeat of a message applied
        }
        if (refund.status.settled()) {
            return; // the refund's outcome is known already
        }
        settle(refund, confirmation, webhookId, now);
    }

    /** The enabled subscriptions whose secrets signed these bytes, checked before anything reads them. */
    private List<WebhookSubscription> signers(
            String webhookId, String timestamp, String signature, byte[] raw, Instant now) {
        if (webhookId == null
                || webhookId.isBlank()
                || webhookId.length() > 100
                || timestamp == null
                || signature == null) {
            throw invalid("The webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw invalid("webhook-timestamp must be seconds since the epoch");
        }
        // Compared as numbers: an absurd timestamp must not overflow into an error.
        if (Math.abs((double) ts - now.getEpochSecond())
                > config.webhooks().callbackTolerance().toSeconds()) {
            throw invalid("webhook-timestamp is too far from now");
        }
        List<WebhookSubscription> signers = WebhookSubscription.enabledPaymentSystems().stream()
                .filter(s -> WebhookSigner.verify(s.activeSecrets(now), signature, webhookId, ts, raw))
                .toList();
        if (signers.isEmpty()) {
            throw invalid("The signature is not valid");
        }
        return signers;
    }

    private Confirmation read(byte[] raw) {
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body is not well-formed JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        JsonNode refundId = node.path("refundId");
        if (!refundId.isIntegralNumber() || !refundId.canConvertToLong()) {
            throw ProblemException.invalid("refundId", "must be the refundId of the webhook");
        }
        String status = node.path("status").asText("");
        if (!status.equals("SUCCEEDED") && !status.equals("FAILED")) {
            throw ProblemException.invalid("status", "must be SUCCEEDED or FAILED");
        }
        RefundStatus outcome = RefundStatus.valueOf(status);
        return new Confirmation(
                refundId.asLong(),
                outcome,
                text(node, "channelRefundId", 100),
                outcome == RefundStatus.FAILED ? text(node, "failureReason", 500) : null);
    }

    /** Records the outcome on the locked refund, audited, and settles its pending delivery. */
    private void settle(Refund refund, Confirmation confirmation, String webhookId, Instant now) {
        if (refund.status == RefundStatus.QUEUED) {
            // The payment system has the request although we have not recorded it as sent (our
            // record of the call failed, or its answer timed out): an early confirmation. It counts
            // as the sending, and its pending delivery is settled below rather than sent again.
            refund.status = RefundStatus.SENT;
            audit.recordAs(
                    "payment-system",
                    null,
                    "refund.sent",
                    "refund",
                    refund.id.toString(),
                    null,
                    Map.of("status", RefundStatus.QUEUED.name()),
                    Map.of("status", RefundStatus.SENT.name(), "webhookId", webhookId, "earlyConfirmation", true));
        }
        refund.status = confirmation.status();
        refund.channelRefundId = confirmation.channelRefundId();
        refund.failureReason = confirmation.failureReason();
        refund.updatedAt = now;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", refund.status.name());
        after.put("webhookId", webhookId);
        after.put("channelRefundId", refund.channelRefundId);
        after.put("failureReason", refund.failureReason);
        audit.recordAs(
                "payment-system",
                null,
                refund.status == RefundStatus.SUCCEEDED ? "refund.succeeded" : "refund.failed",
                "refund",
                refund.id.toString(),
                null,
                Map.of("status", RefundStatus.SENT.name()),
                after);
        outbox.settle(refund.id, refund.status.name());
        receipts.refundSettled(refund.id, refund.status.name(), now);
        notifier.refundSettled(refund.id, refund.status == RefundStatus.SUCCEEDED);
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** The hex SHA-256 of a body: what tells a repeat of a message from another one under its id. */
    private static final class BodyHash {
        static String sha256(byte[] raw) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(raw));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_SIGNATURE, detail);
    }
}
