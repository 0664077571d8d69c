-- Security hardening of sign-in and of the applicant data that sign-in and the precheck read.

-- 1. An applicant row belongs to one exam. Before, one row per ID number was shared by every exam,
--    so an import into an unpublished exam rewrote the password and qualification facts that a
--    published exam's sign-in and precheck read. Every registration now gets its exam's own copy.
alter table applicant add column exam_id bigint references exam (id);
alter table applicant drop constraint applicant_id_number_key;

-- The first registration of a person keeps the existing row; each further exam gets a copy.
update applicant a set exam_id = first.exam_id
from (select distinct on (applicant_id) applicant_id, exam_id from registration order by applicant_id, id) first
where first.applicant_id = a.id;

create temp table applicant_copy on commit drop as
select r.id as registration_id, r.exam_id, r.applicant_id, nextval('applicant_id_seq') as new_id
from registration r join applicant a on a.id = r.applicant_id
where r.exam_id <> a.exam_id;

insert into applicant (id, exam_id, id_number, name, phone, birth_date, education, degree, major, political_status,
                       grassroots_years, household_region, password_hash, created_at, updated_at)
select c.new_id, c.exam_id, a.id_number, a.name, a.phone, a.birth_date, a.education, a.degree, a.major,
       a.political_status, a.grassroots_years, a.household_region, a.password_hash, a.created_at, a.updated_at
from applicant_copy c join applicant a on a.id = c.applicant_id;

update registration r set applicant_id = c.new_id from applicant_copy c where c.registration_id = r.id;

-- A person without a registration is no one's applicant.
delete from applicant where exam_id is null;

alter table applicant alter column exam_id set not null;
alter table applicant add constraint applicant_one_per_exam unique (exam_id, id_number);

-- 2. Throttled sign-in instead of a lock that anyone could put on a named applicant. One row per
--    (account, client) pair, per client across accounts (account '*') and per account across
--    clients (client '*'); realm is 'applicant:<exam id>' or 'staff'.
drop table sign_in_failure;
create table sign_in_throttle (
    realm           varchar(40)  not null,
    account         varchar(64)  not null,
    client          varchar(64)  not null,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    locked_until    timestamptz,
    primary key (realm, account, client)
);

-- 3. Staff accounts: usernames unique whatever their case (an audit actor must name one person),
--    and a token generation that a disable moves on, so that tokens issued before it stay dead.
update staff_account s set username = s.username || '-' || s.id, enabled = false, updated_at = now()
where exists (select 1 from staff_account o where lower(o.username) = lower(s.username) and o.id < s.id);
create unique index staff_account_username_ci on staff_account (lower(username));
alter table staff_account add column token_generation integer not null default 0;
