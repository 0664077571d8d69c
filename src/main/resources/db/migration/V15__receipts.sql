-- Receipts (回执): one row per decision that concerns an applicant, each with a verification code
-- that anyone may check online. The code is random (receipt/ReceiptCodes), never derived from ids
-- or times; the unique index both finds a code and refuses a duplicate.

create table receipt (
    id                  bigserial primary key,
    code                char(16)     not null,
    kind                varchar(16)  not null check (kind in ('SWITCH_SUBMITTED', 'REVIEW_DECIDED', 'DECLINED',
                                                              'REFUND_QUEUED', 'REFUND_SETTLED')),
    exam_id             bigint       not null references exam (id),
    registration_id     bigint       not null references registration (id),
    -- The switch of a switch receipt, the refund of a refund receipt: what a later receipt supersedes.
    switch_id           bigint       references position_switch (id),
    refund_id           bigint       references refund (id),
    -- What was decided, as it was then (the switch's or refund's row moves on later).
    decision            varchar(10)  not null check (decision in ('PENDING', 'APPROVED', 'REJECTED', 'QUEUED',
                                                                  'SUCCEEDED', 'FAILED')),
    issued_at           timestamptz  not null,
    check ((kind in ('SWITCH_SUBMITTED', 'REVIEW_DECIDED')) = (switch_id is not null and refund_id is null)),
    check ((kind in ('DECLINED', 'REFUND_QUEUED', 'REFUND_SETTLED')) = (refund_id is not null and switch_id is null))
);
create unique index receipt_code_unique on receipt (code);
create index receipt_registration_idx on receipt (registration_id, issued_at, id);
create index receipt_switch_idx on receipt (switch_id, issued_at, id) where switch_id is not null;
create index receipt_refund_idx on receipt (refund_id, issued_at, id) where refund_id is not null;

-- Public lookups counted per hour, not audited one by one: the count of an hour becomes one audit
-- event once the hour is over (receipt/LookupCounts).
create table receipt_lookup_count (
    hour        timestamptz  primary key,
    found       integer      not null default 0,
    not_found   integer      not null default 0,
    invalid     integer      not null default 0,
    throttled   integer      not null default 0
);
