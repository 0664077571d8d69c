-- Issue 29. Retention: once an exam's refunds are settled and app.retention.after-review-deadline
-- has passed, an administrator purges its applicants' personal data (retention/RetentionService).

-- When it was purged and by whom; exports of a purged exam say so.
alter table exam add column personal_data_purged_at timestamptz;
alter table exam add column personal_data_purged_by varchar(100);

-- A purged applicant keeps only the masked ID number staff already saw (110101********123X), and
-- two applicants of one exam may share a mask: the uniqueness of ID numbers within an exam holds
-- for full numbers only (a full number never holds '*'). The import's ON CONFLICT names the same
-- predicate (registration/RegistrationImportService).
alter table applicant drop constraint applicant_one_per_exam;
create unique index applicant_one_per_exam on applicant (exam_id, id_number) where strpos(id_number, '*') = 0;
