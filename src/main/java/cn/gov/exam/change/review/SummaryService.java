package cn.gov.exam.change.review;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.registration.FeeStatus;
import cn.gov.exam.change.review.ReviewViews.AgencyReviews;
import cn.gov.exam.change.review.ReviewViews.Positions;
import cn.gov.exam.change.review.ReviewViews.Reviews;
import cn.gov.exam.change.review.ReviewViews.Summary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The bureau's oversight figures of one exam, counted by the database in one statement. */
@ApplicationScoped
public class SummaryService {
    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    RefundCounts refunds;

    @Transactional
    public Summary summary(String examCode) {
        Exam exam = ExamService.require(examCode);
        Tuple t = (Tuple) em.createNativeQuery("""
                        with affected as (
                            select r.id from registration r join position p on p.id = r.position_id
                            where r.exam_id = ?1 and p.status = 'CANCELLED' and r.fee_status = any(?2))
                        select
                            (select count(*) from position where exam_id = ?1 and status = 'OPEN') as open,
                            (select count(*) from position where exam_id = ?1 and status = 'REDUCED') as reduced,
                            (select count(*) from position where exam_id = ?1 and status = 'CANCELLED') as cancelled,
                            (select count(*) from affected) as affected,
                            (select count(distinct s.registration_id) from position_switch s where s.exam_id = ?1) as switched,
                            (select count(*) from position_switch where exam_id = ?1 and status = 'PENDING') as pending,
                            (select count(*) from position_switch where exam_id = ?1 and status = 'APPROVED') as approved,
                            (select count(*) from position_switch where exam_id = ?1 and status = 'REJECTED') as rejected,
                            (select count(*) from position_switch where exam_id = ?1 and late_decision) as late""", Tuple.class)
                .setParameter(1, exam.id)
                .setParameter(2, FeeStatus.confirmedNames())
                .getSingleResult();
        Instant now = clock.now();
        long pending = n(t, "pending");
        long overdue = now.isBefore(exam.reviewDeadline) ? 0 : pending;
        long affected = n(t, "affected");
        long switched = n(t, "switched");
        return new Summary(
                exam.code,
                exam.phaseAt(now).name(),
                new Positions(n(t, "open"), n(t, "reduced"), n(t, "cancelled")),
                affected,
                switched,
                affected - switched,
                new Reviews(pending, n(t, "approved"), n(t, "rejected"), overdue, n(t, "late")),
                refunds.byStatus(exam.id),
                refunds.byReason(exam.id),
                reviewsByAgency(exam.id),
                refunds.deliveryProblems(exam.id));
    }

    /** Switches by the target position's agency and review status; agencies without switches are left out. */
    private List<AgencyReviews> reviewsByAgency(long examId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows =
                em.createNativeQuery("""
                        select p.agency_code, min(p.agency_name) as agency_name,
                            count(*) filter (where s.status = 'PENDING') as pending,
                            count(*) filter (where s.status = 'APPROVED') as approved,
                            count(*) filter (where s.status = 'REJECTED') as rejected
                        from position_switch s join position p on p.id = s.target_position_id
                        where s.exam_id = ?1 group by p.agency_code order by p.agency_code""", Tuple.class).setParameter(1, examId).getResultList();
        return rows.stream()
                .map(r -> new AgencyReviews(
                        (String) r.get("agency_code"),
                        (String) r.get("agency_name"),
                        n(r, "pending"),
                        n(r, "approved"),
                        n(r, "rejected")))
                .toList();
    }

    private static long n(Tuple t, String name) {
        return ((Number) t.get(name)).longValue();
    }
}
