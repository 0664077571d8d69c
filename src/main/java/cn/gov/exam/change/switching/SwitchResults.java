package cn.gov.exam.change.switching;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.common.sql.SqlList;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.Map;

/** The switch results of an exam for the bureau: every switch with its review outcome, oldest first. */
@ApplicationScoped
public class SwitchResults {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    /** The filters of the list and its export; null filters nothing. */
    public record Filter(SwitchStatus status, String agency) {}

    @Transactional
    public PageResponse<SwitchResultView> list(String examCode, Filter filter, PageParams page) {
        return query(examCode, filter).page(em, page, SwitchResults::row);
    }

    /** Every switch the filter matches, in the list's order, read through a cursor. */
    @Transactional
    public void forEach(String examCode, Filter filter, SqlList.RowConsumer<SwitchResultView> each) throws IOException {
        jdbc.liftTimeouts();
        query(examCode, filter).forEach(em, SwitchResults::row, each);
    }

    private static SqlList query(String examCode, Filter f) {
        Exam exam = ExamService.require(examCode);
        return new SqlList("""
                select s.id, e.code, a.id_number, a.name, s.seq, op.code, tp.code, tp.title, tp.agency_code,
                       tp.agency_name, s.precheck_result, s.status, s.reviewer, s.reason, s.decided_at,
                       s.late_decision, s.created_at""", """
                from position_switch s join registration r on r.id = s.registration_id
                join applicant a on a.id = r.applicant_id join exam e on e.id = s.exam_id
                join position op on op.id = s.from_position_id join position tp on tp.id = s.target_position_id
                where s.exam_id = :exam""", "s.created_at, s.id", Map.of("exam", exam.id))
                .and("s.status = :status", "status", f.status())
                .and("tp.agency_code = :agency", "agency", f.agency());
    }

    private static SwitchResultView row(Tuple t) {
        return new SwitchResultView(
                ((Number) t.get(0)).longValue(),
                (String) t.get(1),
                IdNumbers.mask((String) t.get(2)),
                (String) t.get(3),
                ((Number) t.get(4)).intValue(),
                (String) t.get(5),
                (String) t.get(6),
                (String) t.get(7),
                (String) t.get(8),
                (String) t.get(9),
                PrecheckResult.valueOf((String) t.get(10)),
                SwitchStatus.valueOf((String) t.get(11)),
                (String) t.get(12),
                (String) t.get(13),
                SqlValues.instant(t.get(14)),
                (Boolean) t.get(15),
                SqlValues.instant(t.get(16)));
    }
}
