-- Foundation schema: exams, positions, applicants, registrations with payments, staff, audit.
-- Enumerations are plain text guarded by CHECK constraints so that values read well in psql
-- and in exports; amounts are numeric(10,2) CNY.

create table exam (
    id                          bigserial primary key,
    code                        varchar(40)  not null unique,
    name                        varchar(200) not null,
    time_zone                   varchar(64)  not null,
    default_ratio               integer      not null check (default_ratio between 1 and 100),
    reduce_quota_before_cancel  boolean      not null,
    max_switches                integer      not null default 1 check (max_switches between 0 and 10),
    fee_amount                  numeric(10,2) check (fee_amount >= 0),
    registration_closed_at      timestamptz,
    switch_window_opens_at      timestamptz  not null,
    switch_deadline             timestamptz  not null,
    review_deadline             timestamptz  not null,
    published_at                timestamptz,
    published_by                varchar(100),
    created_at                  timestamptz  not null,
    updated_at                  timestamptz  not null,
    version                     integer      not null default 0,
    check (switch_window_opens_at < switch_deadline),
    check (switch_deadline <= review_deadline)
);

create table position (
    id                      bigserial primary key,
    exam_id                 bigint       not null references exam (id),
    code                    varchar(40)  not null,
    agency_code             varchar(40)  not null,
    agency_name             varchar(200) not null,
    employer                varchar(200) not null,
    title                   varchar(200) not null,
    quota                   integer      not null check (quota >= 1),
    original_quota          integer      not null check (original_quota >= 1),
    ratio                   integer      check (ratio between 1 and 100),
    status                  varchar(12)  not null default 'OPEN' check (status in ('OPEN', 'REDUCED', 'CANCELLED')),
    min_education           varchar(16)  check (min_education in ('JUNIOR_COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE')),
    degree_required         boolean      not null default false,
    majors                  text[]       not null default '{}',
    max_age                 integer      check (max_age between 16 and 100),
    political_status        varchar(20)  check (political_status in ('CPC_MEMBER', 'CPC_PROBATIONARY', 'CYL_MEMBER', 'MASSES', 'OTHER_PARTY')),
    min_grassroots_years    integer      not null default 0 check (min_grassroots_years >= 0),
    household_region        varchar(12),
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    constraint position_code_unique unique (exam_id, code),
    check (quota <= original_quota)
);
create index position_exam_status_idx on position (exam_id, status, code);
create index position_exam_agency_idx on position (exam_id, agency_code, code);

create table applicant (
    id                  bigserial primary key,
    id_number           varchar(18)     not null unique,
    name                varchar(100) not null,
    phone               varchar(20),
    birth_date          date         not null,
    education           varchar(16)  not null check (education in ('JUNIOR_COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE')),
    degree              boolean      not null,
    major               varchar(100),
    political_status    varchar(20)  not null check (political_status in ('CPC_MEMBER', 'CPC_PROBATIONARY', 'CYL_MEMBER', 'MASSES', 'OTHER_PARTY')),
    grassroots_years    integer      not null default 0 check (grassroots_years >= 0),
    household_region    varchar(12),
    password_hash       varchar(100) not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

create table registration (
    id                  bigserial primary key,
    exam_id             bigint       not null references exam (id),
    applicant_id        bigint       not null references applicant (id),
    position_id         bigint       not null references position (id),
    fee_status          varchar(8)   not null check (fee_status in ('PAID', 'WAIVED', 'UNPAID')),
    fee_amount          numeric(10,2),
    fee_currency        varchar(3),
    payment_channel     varchar(10)  check (payment_channel in ('ALIPAY', 'WECHAT', 'UNIONPAY')),
    transaction_id      varchar(64),
    paid_at             timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    constraint registration_one_per_exam unique (exam_id, applicant_id),
    -- A paid registration carries the whole payment; waived and unpaid ones carry none of it.
    constraint registration_payment_consistent check (
        (fee_status = 'PAID' and fee_amount > 0 and fee_currency = 'CNY' and payment_channel is not null
            and transaction_id is not null and paid_at is not null)
        or (fee_status in ('WAIVED', 'UNPAID') and fee_amount is null and fee_currency is null
            and payment_channel is null and transaction_id is null and paid_at is null))
);
create unique index registration_transaction_unique on registration (payment_channel, transaction_id)
    where transaction_id is not null;
-- The ratio count: confirmed registrations per position, answered from the index alone.
create index registration_confirmed_by_position_idx on registration (exam_id, position_id)
    where fee_status in ('PAID', 'WAIVED');
create index registration_position_idx on registration (position_id);

-- The published outcome of the opening-ratio check, one row per position, kept so that
-- publishing again returns the same plan and the public list has its figures.
create table ratio_check_result (
    exam_id                 bigint      not null references exam (id),
    position_id             bigint      not null references position (id),
    confirmed_applicants    integer     not null,
    quota                   integer     not null,
    ratio                   integer     not null,
    outcome                 varchar(8)  not null check (outcome in ('KEEP', 'REDUCE', 'CANCEL')),
    new_quota               integer     not null,
    primary key (exam_id, position_id)
);

-- The public list of cancelled positions as served, refreshed on publish.
create table cancelled_positions_snapshot (
    exam_id     bigint       primary key references exam (id),
    etag        varchar(80)  not null,
    body        bytea        not null,
    created_at  timestamptz  not null
);

create table staff_account (
    id              bigserial primary key,
    username        varchar(64)  not null unique,
    password_hash   varchar(100) not null,
    role            varchar(10)  not null check (role in ('ADMIN', 'REVIEWER')),
    agency_code     varchar(40),
    enabled         boolean      not null default true,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    check (role <> 'REVIEWER' or agency_code is not null)
);

create table audit_event (
    id              bigserial primary key,
    occurred_at     timestamptz  not null,
    actor           varchar(100) not null,
    actor_role      varchar(20),
    action          varchar(60)  not null,
    subject_type    varchar(40)  not null,
    subject_id      varchar(100) not null,
    exam_code       varchar(40),
    before_state    jsonb,
    after_state     jsonb,
    request_id      varchar(64)
);
create index audit_event_subject_idx on audit_event (subject_type, subject_id, occurred_at);
create index audit_event_action_idx on audit_event (action, occurred_at);
create index audit_event_time_idx on audit_event (occurred_at);
