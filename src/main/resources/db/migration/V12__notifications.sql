-- Issue 26. Applicant notifications: one row per applicant, kind and occurrence (the database
-- makes it exactly once, whatever the retries, restarts and instances), shown on the applicant's
-- status page; those with a mainland mobile number are also sent by SMS through the bureau's
-- gateway, as messages of the webhook outbox (one outbox and one dispatcher for refunds and SMS).

-- The SMS signature that begins every text of the exam (【…】); null: app.notifications.default-signature.
alter table exam add column sms_signature varchar(20);

create table notification (
    id           bigserial primary key,
    exam_id      bigint       not null references exam (id),
    applicant_id bigint       not null references applicant (id),
    kind         varchar(20)  not null check (kind in ('POSITION_CANCELLED', 'DEADLINE_REMINDER', 'SWITCH_RECEIVED',
                                                       'REVIEW_APPROVED', 'REVIEW_REJECTED', 'REFUND_QUEUED',
                                                       'REFUND_SUCCEEDED', 'REFUND_FAILED')),
    -- What the message is about: the position cancelled, the reminder's offset, the switch, the refund.
    occurrence   varchar(40)  not null,
    -- Whether it goes out by SMS: the applicant had a mainland mobile number when it was made.
    sms          boolean      not null,
    text         varchar(140) not null,
    created_at   timestamptz  not null,
    constraint notification_once unique (exam_id, applicant_id, kind, occurrence)
);
create index notification_applicant_idx on notification (applicant_id, created_at desc, id desc);
create index notification_exam_kind_idx on notification (exam_id, kind);

-- A subscription serves refunds (a payment system) or notifications (the SMS gateway). A gateway
-- covers the one channel 'SMS', so that the outbox's rule "one enabled receiver per channel" is
-- also "at most one enabled gateway", and the dispatcher's claim needs no other join.
alter table webhook_subscription add column purpose varchar(12) not null default 'REFUND'
    check (purpose in ('REFUND', 'NOTIFICATION'));
alter table webhook_subscription add column name varchar(100);
alter table webhook_subscription add constraint webhook_subscription_purpose_channels
    check ((purpose = 'NOTIFICATION') = (channels = '{SMS}'));

-- A delivery carries a refund's request or a notification's SMS, never both.
alter table webhook_delivery alter column refund_id drop not null;
alter table webhook_delivery add column notification_id bigint references notification (id);
alter table webhook_delivery add constraint webhook_delivery_one_subject
    check ((refund_id is null) <> (notification_id is null));
create unique index webhook_delivery_notification_once on webhook_delivery (notification_id)
    where notification_id is not null;
-- Not sent before this moment (quiet hours); a change of gateway or a replay keeps to it.
alter table webhook_delivery add column not_before timestamptz;
