-- The dispatcher claims due deliveries in (next_attempt_at, id) order, a few hundred at a time,
-- while tens of thousands may be pending at a deadline: an index in that order lets the claim read
-- only the rows it takes (and those claimed by another instance), instead of sorting every due row
-- at each claim. It replaces the index on next_attempt_at alone, of which it is an extension.
create index webhook_delivery_due_order_idx on webhook_delivery (next_attempt_at, id) where status = 'PENDING';
drop index webhook_delivery_due_idx;
