-- Issue 28 (bench/rehearsal.sh at national scale). V18 gave the lookup by exam and bound ID number an
-- index of its own beside V17's partial unique one, on the same columns: every imported applicant
-- paid for two (5.2 of 17.6 s of inserting 2.5 million applicants in psql) and the table carried
-- 200 MB twice. A lookup that names the partial index's predicate, strpos(id_number, '*') = 0, is
-- served by that index (registration/ApplicantPersonalData.fullIdNumber writes the condition;
-- registration/ApplicantLookupTest and auth/ApplicantSignInLookupTest check the lookups against the plan).
drop index applicant_exam_id_number;
