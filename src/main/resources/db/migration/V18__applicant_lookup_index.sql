-- Issue 28 (found by bench/rehearsal.sh at national scale). The unique index of V17 is partial
-- (full ID numbers only), and a lookup by a bound ID number cannot use it: the planner cannot prove
-- strpos(id_number, '*') = 0 of a parameter. Every sign-in then scanned all 2.5 million applicants
-- (0.5 to 2.7 s each, with parallel workers). The lookup gets an index of its own.
create index applicant_exam_id_number on applicant (exam_id, id_number);
