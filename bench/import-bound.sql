-- The fastest load PostgreSQL allows for an exam's registrations with the service's own indexes and
-- foreign keys: fresh tables, rows first, then every index of applicant and registration built in
-- bulk and every foreign key validated in one pass, as a partition per exam loaded and attached
-- would be. Beside it psql's \copy into a plain table, the rehearsal's floor. Everything is rolled
-- back. Run by bench/import-bound.sh (which puts the file's path for CSV_FILE: \copy takes no variables)
-- against a database holding the exam's positions.
\set ON_ERROR_STOP on
\timing on
set work_mem = '256MB';
set maintenance_work_mem = '512MB';
begin;
create temp table copy_floor (id_number text, name text, phone text, birth_date text, education text, degree text,
  major text, political_status text, grassroots_years text, household_region text, password_hash text,
  position_code text, fee_status text, fee_amount text, fee_currency text, payment_channel text, transaction_id text,
  paid_at text);
\echo step copy-floor
\copy copy_floor from 'CSV_FILE' with (format csv, header true)
-- The import's own staging table (registration/RegistrationImportService), filled straight from the file.
create temp table stage (applicant_id bigint not null default nextval('applicant_id_seq'),
  id_number text, name text, phone text, birth_date date, education text, degree boolean, major text,
  political_status text, grassroots_years integer, household_region text, password_hash text, position_code text,
  fee_status text, fee_amount numeric(10,2), fee_currency text, payment_channel text, transaction_id text,
  paid_at timestamptz);
\echo step stage
\copy stage (id_number, name, phone, birth_date, education, degree, major, political_status, grassroots_years, household_region, password_hash, position_code, fee_status, fee_amount, fee_currency, payment_channel, transaction_id, paid_at) from 'CSV_FILE' with (format csv, header true)
\timing off
analyze stage;
create table bound_applicant (like applicant including defaults including constraints);
create table bound_registration (like registration including defaults including constraints);
set bound.exam = :'exam';
do $$
declare
  t timestamptz;
  d record;
  v_exam bigint := current_setting('bound.exam')::bigint;
begin
  t := clock_timestamp();
  insert into bound_applicant (id, exam_id, id_number, name, phone, birth_date, education, degree, major,
                               political_status, grassroots_years, household_region, password_hash, created_at, updated_at)
  select applicant_id, v_exam, id_number, name, phone, birth_date, education, degree, major, political_status,
         grassroots_years, household_region, password_hash, now(), now() from stage;
  raise notice 'step insert-applicant %', extract(epoch from clock_timestamp() - t);
  t := clock_timestamp();
  insert into bound_registration (exam_id, applicant_id, position_id, fee_status, fee_amount, fee_currency,
                                  payment_channel, transaction_id, paid_at, created_at, updated_at)
  select v_exam, s.applicant_id, p.id, s.fee_status, s.fee_amount, case when s.fee_status = 'PAID' then 'CNY' end,
         s.payment_channel, s.transaction_id, s.paid_at, now(), now()
  from stage s join position p on p.exam_id = v_exam and p.code = s.position_code;
  raise notice 'step insert-registration %', extract(epoch from clock_timestamp() - t);
  -- The real tables' indexes (primary keys and unique constraints included), built after the rows.
  for d in select c.relname as tab, pg_get_indexdef(i.indexrelid) as def
           from pg_index i join pg_class c on c.oid = i.indrelid
           where c.relname in ('applicant', 'registration') and c.relnamespace = 'public'::regnamespace
           order by 1, 2 loop
    t := clock_timestamp();
    execute regexp_replace(regexp_replace(d.def, ' INDEX \S+ ON ', ' INDEX ON '),
                           ' ON public\.' || d.tab || ' ', ' ON bound_' || d.tab || ' ');
    raise notice 'step index % %', extract(epoch from clock_timestamp() - t), d.def;
  end loop;
  -- Their foreign keys, each validated in one pass; registration's to applicant points at the fresh one.
  for d in select c.relname as tab, pg_get_constraintdef(k.oid) as def
           from pg_constraint k join pg_class c on c.oid = k.conrelid
           where c.relname in ('applicant', 'registration') and k.contype = 'f' order by 1, 2 loop
    t := clock_timestamp();
    execute 'alter table bound_' || d.tab || ' add ' || replace(d.def, 'REFERENCES applicant(', 'REFERENCES bound_applicant(');
    raise notice 'step key % % %', extract(epoch from clock_timestamp() - t), d.tab, d.def;
  end loop;
end $$;
rollback;
