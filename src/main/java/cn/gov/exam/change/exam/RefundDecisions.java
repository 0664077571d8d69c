package cn.gov.exam.change.exam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The exam's side of the deadline job: which exams are owed their refund decision, the claim of
 * one, and the mark that closes its switch window for good ({@link ExamTimeline}). Refunds and
 * reviews ask here rather than reading the exam table themselves.
 */
@ApplicationScoped
public class RefundDecisions {
    /** Published, past the switch deadline, refunds not decided yet. */
    private static final String DUE =
            "published_at is not null and switch_deadline <= :now and refunds_decided_at is null";

    @Inject
    EntityManager em;

    /** The exams due, earliest deadline first. */
    @Transactional
    public List<Long> due(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from exam where " + DUE + " order by switch_deadline")
                .setParameter("now", now)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Claims a due exam until commit (SKIP LOCKED: several instances share the work); its code, or
     * empty when it is not due or another instance holds it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(long examId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Tuple> exams = em.createNativeQuery(
                        "select id, code from exam where id = :id and " + DUE + " for update skip locked", Tuple.class)
                .setParameter("id", examId)
                .setParameter("now", now)
                .getResultList();
        return exams.stream().findFirst().map(t -> (String) t.get(1));
    }

    /** The claimed exam's refunds are decided: its switch window stays closed whatever its deadline. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(long examId, Instant now) {
        em.createNativeQuery("update exam set refunds_decided_at = :now where id = :id")
                .setParameter("id", examId)
                .setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Whether the exam's refunds are decided, holding its key-share lock until commit: the deadline
     * job (which claims the exam for update) either ran before, and then this sees it, or runs after
     * the caller's decision and sees that.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean decidedUnderLock(long examId) {
        return (Boolean)
                em.createNativeQuery("select refunds_decided_at is not null from exam where id = ?1 for key share")
                        .setParameter(1, examId)
                        .getSingleResult();
    }
}
