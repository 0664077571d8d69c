-- At most one enabled webhook subscription covers a channel (issue 13). Databases from before the
-- rule may hold overlapping enabled subscriptions, of which the oldest got every refund: from the
-- newest down, a subscription stays enabled unless a newer one kept enabled covers one of its
-- channels already; the others are disabled, each with an audit event by 'system'.
do $$
declare
    s        record;
    covered  varchar(16)[] := '{}';
begin
    for s in select id, channels from webhook_subscription where enabled order by created_at desc, id desc loop
        if s.channels && covered then
            update webhook_subscription
            set enabled = false, disabled_reason = 'a newer subscription covers its channels', updated_at = now()
            where id = s.id;
            insert into audit_event (occurred_at, actor, actor_role, action, subject_type, subject_id, before_state,
                                     after_state)
            values (now(), 'system', null, 'webhook.subscription-disabled', 'webhook-subscription', s.id::text,
                    '{"enabled": true}'::jsonb,
                    jsonb_build_object('enabled', false, 'reason', 'a newer subscription covers its channels',
                                       'migration', 'V6__one_subscription_per_channel'));
        else
            covered := covered || s.channels;
        end if;
    end loop;
end $$;
