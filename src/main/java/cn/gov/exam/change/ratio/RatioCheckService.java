package cn.gov.exam.change.ratio;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.notification.Notifier;
import cn.gov.exam.change.registration.FeeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DESIGN.md rule 1. For each position N = confirmed (paid or waived) registrations, Q = quota,
 * r = the position's ratio or the exam's: N ≥ r·Q keeps it; otherwise, when the exam reduces
 * quotas, Q' = ⌊N / r⌋ ≥ 1 reduces it to Q'; else it is cancelled. The whole exam is counted in one
 * set-based statement; publishing stores that plan and applies it in the same transaction.
 */
@ApplicationScoped
public class RatioCheckService {
    /**
     * The plan of every position of one exam (parameters: exam id, the confirmed fee statuses of
     * {@link FeeStatus#confirmedNames()}, exam id), in position code order.
     */
    static final String PLAN_SQL = """
            with counts as (
                select position_id, count(*)::int as n
                from registration
                where exam_id = ? and fee_status = any(?)
                group by position_id),
            figures as (
                select p.id, p.code, coalesce(c.n, 0) as n, p.quota as q,
                       coalesce(p.ratio, e.default_ratio) as r, e.reduce_quota_before_cancel as reduce
                from position p
                join exam e on e.id = p.exam_id
                left join counts c on c.position_id = p.id
                where p.exam_id = e.id and e.id = ?)
            select id, code, n, q, r,
                   case when n >= r * q then 'KEEP'
                        when reduce and n / r >= 1 then 'REDUCE'
                        else 'CANCEL' end as outcome,
                   case when n >= r * q then q
                        when reduce and n / r >= 1 then n / r
                        else 0 end as new_quota
            from figures
            order by code""";

    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    Notifier notifier;

    @Inject
    CancelledPositionsSnapshots snapshots;

    /** The plan as it would be published now; once published, the published result. */
    @Transactional
    public RatioPlan dryRun(String examCode) {
        jdbc.liftTimeouts();
        Exam exam = ExamService.require(examCode);
        if (exam.published()) {
            return published(exam);
        }
        return jdbc.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(PLAN_SQL)) {
                bindPlan(ps, 1, exam.id);
                return RatioPlan.of(exam.code, false, read(ps));
            }
        });
    }

    /** Binds {@link #PLAN_SQL}'s three parameters from position {@code first}. */
    private static void bindPlan(PreparedStatement ps, int first, long examId) throws SQLException {
        ps.setLong(first, examId);
        ps.setArray(first + 1, ps.getConnection().createArrayOf("text", FeeStatus.confirmedNames()));
        ps.setLong(first + 2, examId);
    }

    /**
     * Applies the plan atomically. Publishing again returns the stored result and changes nothing;
     * concurrent publishers queue on the exam's row lock.
     */
    @Transactional
    public RatioPlan publish(String examCode) {
        jdbc.liftTimeouts();
        Exam exam = Exam.find("code", examCode)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<Exam>firstResultOptional()
                .orElseThrow(() -> cn.gov.exam.change.common.problems.ProblemException.notFound("Exam " + examCode));
        if (exam.published()) {
            return published(exam);
        }
        Timestamp now = Timestamp.from(clock.now());
        jdbc.run(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    insert into ratio_check_result (exam_id, position_id, confirmed_applicants, quota, ratio, outcome,
                                                    new_quota)
                    select ?, id, n, q, r, outcome, new_quota from (""" + PLAN_SQL + ") plan")) {
                ps.setLong(1, exam.id);
                bindPlan(ps, 2, exam.id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement("""
                    update position p
                    set status = case r.outcome when 'REDUCE' then 'REDUCED' else 'CANCELLED' end,
                        quota = case r.outcome when 'REDUCE' then r.new_quota else p.quota end,
                        updated_at = ?
                    from ratio_check_result r
                    where r.exam_id = ? and r.position_id = p.id and r.outcome <> 'KEEP'""")) {
                ps.setTimestamp(1, now);
                ps.setLong(2, exam.id);
                ps.executeUpdate();
            }
        });
        exam.publishedAt = now.toInstant();
        exam.publishedBy = audit.currentActor();
        exam.updatedAt = exam.publishedAt;
        em.flush();
        notifier.positionCancelled(exam.id);
        RatioPlan plan = published(exam);
        snapshots.store(exam);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kept", plan.kept());
        after.put("reduced", plan.reduced());
        after.put("cancelled", plan.cancelled());
        after.put(
                "cancelledPositions",
                plan.positions().stream()
                        .filter(p -> p.outcome() == RatioOutcome.CANCEL)
                        .map(RatioPlan.PositionOutcome::code)
                        .toList());
        audit.record("ratio-check.published", "exam", exam.code, exam.code, Map.of("published", false), after);
        return plan;
    }

    private RatioPlan published(Exam exam) {
        return jdbc.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    select p.id, p.code, r.confirmed_applicants, r.quota, r.ratio, r.outcome, r.new_quota
                    from ratio_check_result r join position p on p.id = r.position_id
                    where r.exam_id = ? order by p.code""")) {
                ps.setLong(1, exam.id);
                return RatioPlan.of(exam.code, true, read(ps));
            }
        });
    }

    private static List<RatioPlan.PositionOutcome> read(PreparedStatement ps) throws SQLException {
        List<RatioPlan.PositionOutcome> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RatioPlan.PositionOutcome(
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        RatioOutcome.valueOf(rs.getString(6)),
                        rs.getInt(7)));
            }
        }
        return out;
    }
}
