-- Before the refund state machine was enforced, a confirmation could settle a refund whose
-- refund.requested webhook was still pending, and the dispatcher sent it anyway. Such deliveries
-- have nothing left to deliver: settle them as the confirmation now does (the dispatcher also
-- skips any delivery whose refund is settled).
update webhook_delivery d
   set status = 'DELIVERED', claimed_by = null, claimed_until = null, updated_at = now()
 where d.status = 'PENDING'
   and exists (select 1 from refund f where f.id = d.refund_id and f.status in ('SUCCEEDED', 'FAILED'));
