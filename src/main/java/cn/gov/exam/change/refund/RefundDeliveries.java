package cn.gov.exam.change.refund;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.webhook.DeliveryOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The refund side of webhook deliveries: a delivered request makes its refund SENT (DESIGN.md rule 6). */
@ApplicationScoped
public class RefundDeliveries implements DeliveryOutcomes {
    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void delivered(List<Delivered> delivered) {
        Map<Long, Delivered> byRefund = new HashMap<>();
        delivered.forEach(d -> byRefund.putIfAbsent(d.refundId(), d));
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> sent = em.createNativeQuery("""
                        update refund set status = 'SENT', updated_at = ?2 where id = any(?1) and status = 'QUEUED'
                        returning id""")
                .setParameter(1, byRefund.keySet().toArray(Long[]::new))
                .setParameter(2, now)
                .getResultList();
        List<AuditService.Event> events = new ArrayList<>(sent.size());
        for (Number id : sent) {
            Delivered d = byRefund.get(id.longValue());
            events.add(new AuditService.Event(
                    "refund.sent",
                    "refund",
                    id.toString(),
                    null,
                    Map.of("status", RefundStatus.QUEUED.name()),
                    Map.of(
                            "status",
                            RefundStatus.SENT.name(),
                            "webhookId",
                            d.messageId(),
                            "subscriptionId",
                            d.subscriptionId())));
        }
        audit.recordAll(events);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Long> settled(Collection<Long> refundIds) {
        if (refundIds.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        select id from refund where id = any(?1) and status in ('SUCCEEDED', 'FAILED')""")
                .setParameter(1, refundIds.toArray(Long[]::new))
                .getResultList();
        Set<Long> out = new HashSet<>();
        ids.forEach(n -> out.add(n.longValue()));
        return out;
    }
}
