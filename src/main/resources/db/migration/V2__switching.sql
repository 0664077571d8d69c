-- Switching (职位改报): one row per switch an applicant made, the lockout of failed sign-ins, and
-- the Idempotency-Key records of switch requests.

alter table registration add column current_position_id bigint references position (id);
comment on column registration.current_position_id is
    'The position the applicant now stands for: the original one until a switch is approved';

create table position_switch (
    id                  bigserial primary key,
    exam_id             bigint       not null references exam (id),
    registration_id     bigint       not null references registration (id),
    seq                 integer      not null check (seq >= 1),
    from_position_id    bigint       not null references position (id),
    target_position_id  bigint       not null references position (id),
    precheck_result     varchar(6)   not null check (precheck_result in ('PASS', 'MANUAL')),
    manual_requirements text[]       not null default '{}',
    status              varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    reviewer            varchar(64),
    reason              varchar(500),
    decided_at          timestamptz,
    late_decision       boolean      not null default false,
    created_at          timestamptz  not null,
    -- The n-th switch of a registration exists once: concurrent requests cannot both be the first.
    constraint position_switch_seq_unique unique (registration_id, seq),
    check (target_position_id <> from_position_id),
    check ((status = 'PENDING') = (decided_at is null)),
    check (status <> 'REJECTED' or reason is not null)
);
-- At most one switch under review or approved per registration.
create unique index position_switch_one_open on position_switch (registration_id)
    where status in ('PENDING', 'APPROVED');
create index position_switch_review_queue on position_switch (exam_id, status, created_at);
create index position_switch_target on position_switch (target_position_id, status);

-- Failed sign-ins per ID number (existing or not, so that a lockout tells nothing).
create table sign_in_failure (
    exam_id         bigint       not null references exam (id),
    id_number       varchar(18)  not null,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    locked_until    timestamptz,
    primary key (exam_id, id_number)
);

create table idempotency_key (
    registration_id bigint       not null references registration (id),
    idempotency_key varchar(255) not null,
    request_hash    varchar(64)  not null,
    state           varchar(10)  not null check (state in ('IN_FLIGHT', 'DONE')),
    response_status integer,
    response_body   text,
    created_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    primary key (registration_id, idempotency_key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
