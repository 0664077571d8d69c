package cn.gov.exam.change.refund;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.RefundDecisions;
import cn.gov.exam.change.notification.Notifier;
import cn.gov.exam.change.receipt.Receipts;
import cn.gov.exam.change.registration.FeeStatus;
import cn.gov.exam.change.registration.Registration;
import cn.gov.exam.change.review.RegistrationRefundable;
import cn.gov.exam.change.switching.PositionSwitch;
import cn.gov.exam.change.switching.SwitchStatus;
import cn.gov.exam.change.webhook.Outbox;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN.md rule 5. A refund is queued exactly once per paid registration (a unique constraint),
 * in the transaction of the decision that causes it, with the payment's amount, channel and
 * transaction id, and its webhook is written to the outbox in that same transaction.
 */
@ApplicationScoped
public class RefundService {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    Outbox outbox;

    @Inject
    Notifier notifier;

    @Inject
    RefundDecisions decisions;

    @Inject
    RefundReads reads;

    @Inject
    Receipts receipts;

    /**
     * Queues the refund of a registration unless it has one or paid nothing; returns it when queued.
     * Must run in the transaction of the decision.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Refund> queue(long registrationId, RefundReason reason) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        insert into refund (exam_id, registration_id, reason, status, amount, currency, channel,
                                            original_transaction_id, created_at, updated_at)
                        select r.exam_id, r.id, ?2, 'QUEUED', r.fee_amount, r.fee_currency, r.payment_channel,
                               r.transaction_id, ?3, ?3
                        from registration r where r.id = ?1 and r.fee_status = 'PAID'
                        on conflict (registration_id) do nothing
                        returning id""")
                .setParameter(1, registrationId)
                .setParameter(2, reason.name())
                .setParameter(3, now)
                .getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Refund refund = em.find(Refund.class, ids.get(0).longValue());
        announce(refund);
        receipts.refundQueued(refund.id, now);
        return Optional.of(refund);
    }

    /** The outbox message and the audit event of a newly queued refund. */
    private void announce(Refund refund) {
        Outbox.RefundData data = announceAll(List.of(refund.id)).get(0);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("registrationId", refund.registrationId);
        after.put("reason", refund.reason.name());
        after.put("amount", data.amount());
        after.put("channel", refund.channel);
        after.put("status", refund.status.name());
        audit.record("refund.queued", "refund", refund.id.toString(), data.examCode(), null, after);
    }

    /** The outbox messages of newly queued refunds, written in one batch. */
    private List<Outbox.RefundData> announceAll(List<Long> refundIds) {
        if (refundIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select f.id, e.code, a.id_number, f.amount, f.currency, f.channel, f.original_transaction_id,
                               f.reason
                        from refund f join exam e on e.id = f.exam_id
                        join registration r on r.id = f.registration_id join applicant a on a.id = r.applicant_id
                        where f.id = any(?1) order by f.id""", Tuple.class)
                .setParameter(1, refundIds.toArray(Long[]::new))
                .getResultList();
        List<Outbox.RefundData> data = rows.stream()
                .map(t -> new Outbox.RefundData(
                        ((Number) t.get(0)).longValue(),
                        (String) t.get(1),
                        IdNumbers.mask((String) t.get(2)),
                        ((java.math.BigDecimal) t.get(3)).setScale(2).toPlainString(),
                        (String) t.get(4),
                        (String) t.get(5),
                        (String) t.get(6),
                        (String) t.get(7)))
                .toList();
        outbox.refundRequested(data);
        notifier.refundsQueued(refundIds);
        return data;
    }

    /** A rejection that leaves no further switch: the refund joins the rejecting transaction. */
    void onRefundable(@Observes RegistrationRefundable event) {
        queue(event.registrationId(), RefundReason.valueOf(event.reason()));
    }

    /** The applicant declines to switch and asks for the fee back. */
    @Transactional
    public RefundView decline(ApplicantPrincipal who) {
        em.createNativeQuery("select id from registration where id = ?1 for update")
                .setParameter(1, who.registrationId())
                .getResultList();
        Registration r = em.find(Registration.class, who.registrationId());
        if (r == null) {
            throw ProblemException.notFound("Your registration");
        }
        who.requireCurrent(r.applicant.tokenGeneration);
        if (r.feeStatus != FeeStatus.PAID) {
            throw new ProblemException(
                    ProblemType.REFUND_NOT_ALLOWED, "Your fee was waived: there is nothing to refund");
        }
        List<PositionSwitch> switches = PositionSwitch.ofRegistration(r.id);
        if (switches.stream().anyMatch(s -> s.status == SwitchStatus.PENDING || s.status == SwitchStatus.APPROVED)) {
            throw new ProblemException(
                    ProblemType.REFUND_NOT_ALLOWED,
                    "You have a switch under review or approved: the fee pays for the new position");
        }
        Refund refund = queue(r.id, RefundReason.DECLINED)
                .orElseThrow(() ->
                        new ProblemException(ProblemType.REFUND_NOT_ALLOWED, "Your refund has been requested already"));
        return reads.view(refund);
    }

    /**
     * Once an exam's switch deadline has passed: queues NOT_SWITCHED (or REVIEW_REJECTED when the
     * last switch was rejected) for every paid applicant of a cancelled position without a pending
     * or approved switch, in one statement. Exams are claimed with SKIP LOCKED so that several
     * instances share the work; an exam missed while the service was down is caught up later.
     * Returns how many refunds were queued.
     */
    @Transactional
    @TransactionConfiguration(timeout = 900)
    public int decideAtDeadline(long examId) {
        jdbc.liftTimeouts();
        Instant now = clock.now();
        Optional<String> claimed = decisions.claim(examId, now);
        if (claimed.isEmpty()) {
            return 0;
        }
        String examCode = claimed.get();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                        insert into refund (exam_id, registration_id, reason, status, amount, currency, channel,
                                            original_transaction_id, created_at, updated_at)
                        select r.exam_id, r.id,
                               case when last.status = 'REJECTED' then 'REVIEW_REJECTED' else 'NOT_SWITCHED' end,
                               'QUEUED', r.fee_amount, r.fee_currency, r.payment_channel, r.transaction_id, ?2, ?2
                        from registration r
                        join position p on p.id = r.position_id and p.status = 'CANCELLED'
                        left join lateral (select s.status from position_switch s where s.registration_id = r.id
                                           order by s.seq desc limit 1) last on true
                        where r.exam_id = ?1 and r.fee_status = 'PAID'
                          and not exists (select 1 from position_switch s where s.registration_id = r.id
                                          and s.status in ('PENDING', 'APPROVED'))
                        order by r.id
                        on conflict (registration_id) do nothing
                        returning id""")
                .setParameter(1, examId)
                .setParameter(2, now)
                .getResultList();
        // One audit event for the job's decision (below); each refund row records its own reason.
        announceAll(ids.stream().map(Number::longValue).toList());
        receipts.refundsQueued(ids.stream().map(Number::longValue).toList(), now);
        decisions.decided(examId, now);
        audit.record("refunds.decided-at-deadline", "exam", examCode, examCode, null, Map.of("queued", ids.size()));
        return ids.size();
    }

    /** Exams whose deadline has passed and whose refunds are not decided yet. */
    public List<Long> examsDue() {
        return decisions.due(clock.now());
    }

    /** Puts a FAILED refund back in the queue, as a new webhook message. */
    @Transactional
    public RefundView requeue(long refundId) {
        Refund refund = em.find(Refund.class, refundId, LockModeType.PESSIMISTIC_WRITE);
        if (refund == null) {
            throw ProblemException.notFound("Refund " + refundId);
        }
        if (refund.status != RefundStatus.FAILED) {
            throw new ProblemException(
                    ProblemType.REFUND_NOT_ALLOWED,
                    "Only a FAILED refund can be requeued; this one is " + refund.status);
        }
        refund.status = RefundStatus.QUEUED;
        refund.failureReason = null;
        refund.updatedAt = clock.now();
        em.flush();
        announce(refund);
        return reads.view(refund);
    }
}
