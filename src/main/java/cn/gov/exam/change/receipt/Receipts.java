package cn.gov.exam.change.receipt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Issues receipts, each in the transaction of the decision it records (a receipt exists exactly
 * when its decision was committed). Called by switching, review and refunds with one line each;
 * it reads what it needs of their rows with its own SQL and never calls them back.
 */
@ApplicationScoped
public class Receipts {
    @Inject
    EntityManager em;

    /** A switch request, on the reactive connection of the switch's pipelined transaction. */
    public Uni<Void> switchSubmitted(SqlConnection conn, long examId, long registrationId, long switchId, Instant at) {
        return conn.preparedQuery("""
                        insert into receipt (code, kind, exam_id, registration_id, switch_id, decision, issued_at)
                        values ($1, 'SWITCH_SUBMITTED', $2, $3, $4, 'PENDING', $5)""")
                .execute(Tuple.of(
                        ReceiptCodes.generate(), examId, registrationId, switchId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A review's decision or its correction (APPROVED or REJECTED). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reviewDecided(long switchId, String decision, Instant at) {
        em.createNativeQuery("""
                        insert into receipt (code, kind, exam_id, registration_id, switch_id, decision, issued_at)
                        select ?1, 'REVIEW_DECIDED', s.exam_id, s.registration_id, s.id, ?2, ?3
                        from position_switch s where s.id = ?4""")
                .setParameter(1, ReceiptCodes.generate())
                .setParameter(2, decision)
                .setParameter(3, at)
                .setParameter(4, switchId)
                .executeUpdate();
    }

    /** A refund just queued: DECLINED when the applicant asked for it, else REFUND_QUEUED. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundQueued(long refundId, Instant at) {
        refundsQueued(List.of(refundId), at);
    }

    /**
     * Refunds queued together (the deadline's): one statement for the whole set, the codes drawn
     * here (the database has no cryptographic random source of its own without an extension).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundsQueued(List<Long> refundIds, Instant at) {
        if (refundIds.isEmpty()) {
            return;
        }
        String[] codes = new String[refundIds.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ReceiptCodes.generate();
        }
        em.createNativeQuery("""
                        insert into receipt (code, kind, exam_id, registration_id, refund_id, decision, issued_at)
                        select c.code, case when f.reason = 'DECLINED' then 'DECLINED' else 'REFUND_QUEUED' end,
                               f.exam_id, f.registration_id, f.id, 'QUEUED', ?3
                        from unnest(?1, ?2) as c (refund_id, code) join refund f on f.id = c.refund_id""")
                .setParameter(1, refundIds.toArray(Long[]::new))
                .setParameter(2, codes)
                .setParameter(3, at)
                .executeUpdate();
    }

    /** A payment system's confirmation of a refund (SUCCEEDED or FAILED). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refundSettled(long refundId, String status, Instant at) {
        em.createNativeQuery("""
                        insert into receipt (code, kind, exam_id, registration_id, refund_id, decision, issued_at)
                        select ?1, 'REFUND_SETTLED', f.exam_id, f.registration_id, f.id, ?2, ?3
                        from refund f where f.id = ?4""")
                .setParameter(1, ReceiptCodes.generate())
                .setParameter(2, status)
                .setParameter(3, at)
                .setParameter(4, refundId)
                .executeUpdate();
    }
}
