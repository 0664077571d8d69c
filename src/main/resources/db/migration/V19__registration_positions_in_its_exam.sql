-- A registration's positions, the one it was made for and the one it now stands for, belong to the
-- registration's own exam: the import and switching already make it so, and the schema now refuses
-- anything else. One key on (exam_id, position_id) checks the exam and the position in one lookup,
-- so the exam's own key goes (a position's exam_id references exam): the national import makes
-- 2.5 million such checks a key (bench/import-bound.sh, docs/benchmarks.md#national-rehearsal).
-- Validating each new key reads registration once: 0.3-0.5 s per 2.5 million rows, within the
-- statement timeout under which migrations run.
alter table position add constraint position_in_exam unique (exam_id, id);

alter table registration drop constraint registration_exam_id_fkey;
alter table registration drop constraint registration_position_id_fkey;
alter table registration drop constraint registration_current_position_id_fkey;
alter table registration add constraint registration_position_in_exam
    foreign key (exam_id, position_id) references position (exam_id, id);
-- MATCH SIMPLE: no check while current_position_id is null (no switch approved yet).
alter table registration add constraint registration_current_position_in_exam
    foreign key (exam_id, current_position_id) references position (exam_id, id);
