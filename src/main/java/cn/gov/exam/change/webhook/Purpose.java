package cn.gov.exam.change.webhook;

import java.util.List;

/**
 * What a subscription receives: a payment system's refund requests, or the SMS gateway's
 * notifications. Both share the outbox, the dispatcher and the subscription code; they differ in
 * the channels covered, the names in the audit log and the words of their errors.
 */
public enum Purpose {
    REFUND("webhook.subscription", "webhook-subscription", "Webhook subscription"),
    NOTIFICATION("notification.gateway", "notification-gateway", "Notification gateway");

    /** The one channel a gateway covers (notification deliveries are written with it). */
    public static final String SMS = "SMS";

    /** Prefix of the audit actions ({@code webhook.subscription-created}, {@code notification.gateway-created}). */
    final String auditPrefix;

    final String subjectType;
    final String noun;

    Purpose(String auditPrefix, String subjectType, String noun) {
        this.auditPrefix = auditPrefix;
        this.subjectType = subjectType;
        this.noun = noun;
    }

    String action(String verb) {
        return auditPrefix + "-" + verb;
    }

    static List<String> gatewayChannels() {
        return List.of(SMS);
    }
}
