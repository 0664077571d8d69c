-- Refunds through the original payment channel, delivered to payment systems as signed webhooks
-- (a transactional outbox) and confirmed back by signed callbacks.

alter table exam add column refunds_decided_at timestamptz;
comment on column exam.refunds_decided_at is
    'When the deadline job queued the NOT_SWITCHED / REVIEW_REJECTED refunds of the exam';

create table refund (
    id                      bigserial primary key,
    exam_id                 bigint        not null references exam (id),
    registration_id         bigint        not null references registration (id),
    reason                  varchar(16)   not null check (reason in ('NOT_SWITCHED', 'REVIEW_REJECTED', 'DECLINED')),
    status                  varchar(10)   not null default 'QUEUED'
                                          check (status in ('QUEUED', 'SENT', 'SUCCEEDED', 'FAILED')),
    amount                  numeric(10,2) not null check (amount > 0),
    currency                varchar(3)    not null check (currency = 'CNY'),
    channel                 varchar(10)   not null check (channel in ('ALIPAY', 'WECHAT', 'UNIONPAY')),
    original_transaction_id varchar(64)   not null,
    channel_refund_id       varchar(100),
    failure_reason          varchar(500),
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null,
    -- Money moves once: one refund per registration, whatever decides it and however often.
    constraint refund_once_per_registration unique (registration_id)
);
create index refund_exam_status_idx on refund (exam_id, status, id);

create table webhook_subscription (
    id                          bigserial primary key,
    url                         varchar(2000) not null,
    channels                    varchar(16)[] not null,
    secret                      varchar(100)  not null,
    previous_secret             varchar(100),
    previous_secret_expires_at  timestamptz,
    enabled                     boolean       not null default true,
    disabled_reason             varchar(200),
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null
);

-- One message per refund request; its webhook-id stays the same on every retry.
create table webhook_delivery (
    id              bigserial primary key,
    refund_id       bigint        not null references refund (id),
    message_id      varchar(64)   not null unique,
    event_type      varchar(40)   not null,
    payload         text          not null,
    channel         varchar(10)   not null,
    status          varchar(10)   not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    subscription_id bigint        references webhook_subscription (id),
    attempts        integer       not null default 0,
    attempts_total  integer       not null default 0,
    next_attempt_at timestamptz   not null,
    claimed_by      varchar(64),
    claimed_until   timestamptz,
    last_status_code integer,
    last_error      varchar(500),
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_refund_idx on webhook_delivery (refund_id);
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, id);

-- Every attempt; an attempt is claimed by exactly one dispatcher (the unique key).
create table webhook_attempt (
    id              bigserial primary key,
    delivery_id     bigint       not null references webhook_delivery (id),
    attempt         integer      not null,
    subscription_id bigint       not null references webhook_subscription (id),
    dispatcher      varchar(64)  not null,
    started_at      timestamptz  not null,
    duration_ms     integer,
    status_code     integer,
    error           varchar(500),
    constraint webhook_attempt_once unique (delivery_id, attempt)
);

-- Confirmations already applied, by their webhook-id: a duplicate changes nothing.
create table refund_callback (
    webhook_id  varchar(100) primary key,
    refund_id   bigint       not null references refund (id),
    status      varchar(10)  not null,
    received_at timestamptz  not null
);
