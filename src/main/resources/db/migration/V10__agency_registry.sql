-- Recruiting agencies are one registry across exams (issue 23, point 5): a code names one
-- organisation in every exam, so a reviewer of agency A01 reviews A01's positions of every exam.
-- Codes are stored upper-case; clients may send them in any case.
create table agency (
    code       varchar(40)  primary key check (code = upper(code)),
    name       varchar(200) not null,
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now()
);

update position set agency_code = upper(agency_code) where agency_code <> upper(agency_code);

-- A code used under several names before the registry takes its most recently imported name; the
-- positions then carry the registry's name (an administrator may rename it on the agencies page).
insert into agency (code, name)
select distinct on (agency_code) agency_code, agency_name from position
order by agency_code, updated_at desc, id desc;
update position p set agency_name = a.name from agency a where a.code = p.agency_code and p.agency_name <> a.name;

-- Reviewer accounts whose agency no position names (they saw an empty queue) keep their code as a
-- placeholder agency to be named or reassigned; nothing is deleted.
update staff_account set agency_code = upper(trim(agency_code)) where agency_code is not null;
insert into agency (code, name)
select distinct s.agency_code, '未登记的招录单位 ' || s.agency_code from staff_account s
where s.agency_code is not null and not exists (select 1 from agency a where a.code = s.agency_code);

alter table position add constraint position_agency_fk foreign key (agency_code) references agency (code);
alter table staff_account add constraint staff_account_agency_fk foreign key (agency_code) references agency (code);
