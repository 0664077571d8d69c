package cn.gov.exam.change.webhook;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the webhook package needs to know of, and tell to, the refunds it delivers. Declared here
 * and implemented by the refund package, so that the arrow runs one way (refund → webhook) and
 * the refund table's SQL stays with its owner.
 */
public interface DeliveryOutcomes {
    /** A message the payment system accepted (2xx). */
    record Delivered(long refundId, String messageId, long subscriptionId) {}

    /** Called in the transaction that records a round's outcomes. */
    void delivered(List<Delivered> delivered);

    /** Of these refunds, those whose outcome is known already: their messages have nothing left to deliver. */
    Set<Long> settled(Collection<Long> refundIds);
}
