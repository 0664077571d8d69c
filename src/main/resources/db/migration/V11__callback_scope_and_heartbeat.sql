-- Issue 24. A refund confirmation's replay key is the webhook-id within the subscription that
-- signed it: ids of different payment systems never collide. The body's hash tells a repeat of the
-- same message (harmless) from another message reusing the id (refused).
-- Existing rows stay. Each is given the subscription that covers its refund's channel when exactly
-- one subscription does; a row left without one (no single candidate) keeps answering only to
-- itself, as no new confirmation is stored without a subscription.
alter table refund_callback add column subscription_id bigint references webhook_subscription (id);
alter table refund_callback add column body_sha256 varchar(64);
update refund_callback c
set subscription_id = (select min(s.id) from webhook_subscription s where f.channel = any (s.channels))
from refund f
where f.id = c.refund_id
  and (select count(*) from webhook_subscription s where f.channel = any (s.channels)) = 1;
alter table refund_callback drop constraint refund_callback_pkey;
alter table refund_callback add column id bigserial primary key;
create unique index refund_callback_once on refund_callback (subscription_id, webhook_id);
-- Rows of old without a subscription: still one per webhook-id among themselves.
create unique index refund_callback_legacy_once on refund_callback (webhook_id) where subscription_id is null;

-- Readiness's write probe (db/HeartbeatProbe): emptied and written by every probe, so that a write
-- needing a new block on disk is tried each time.
create table heartbeat (
    instance varchar(200) not null,
    beat_at  timestamptz  not null
);
