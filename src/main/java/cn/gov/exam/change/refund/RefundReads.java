package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.common.sql.SqlList;
import cn.gov.exam.change.common.sql.SqlValues;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.registration.PaymentChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What is read of refunds: an exam's list and its export, a registration's refund, a refund as the API shows it. */
@ApplicationScoped
public class RefundReads {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    /** The refund of a registration, if it has one (at most one: a unique constraint). */
    public Optional<Refund> ofRegistration(long registrationId) {
        return Refund.<Refund>find("registrationId", registrationId).firstResultOptional();
    }

    /** The filters of the refund list and its export; null filters nothing. */
    public record Filter(RefundStatus status, RefundReason reason, PaymentChannel channel, Boolean deliveryProblem) {
        public Filter(RefundStatus status, RefundReason reason, PaymentChannel channel) {
            this(status, reason, channel, null);
        }
    }

    /** A delivery in trouble: failed for good, or failed at its last attempt and waiting to retry. */
    static final String DELIVERY_PROBLEM = "(d.status = 'FAILED' or (d.status = 'PENDING' and d.attempts > 0"
            + " and (d.last_error is not null or d.last_status_code is not null)))";

    @Transactional
    public PageResponse<RefundView> list(String examCode, Filter filter, PageParams page) {
        return query(examCode, filter).page(em, page, RefundReads::row);
    }

    /** Every refund the filter matches, in the list's order, read through a cursor. */
    @Transactional
    public void forEach(String examCode, Filter filter, SqlList.RowConsumer<RefundView> each) throws IOException {
        jdbc.liftTimeouts();
        query(examCode, filter).forEach(em, RefundReads::row, each);
    }

    private static SqlList query(String examCode, Filter f) {
        Exam exam = ExamService.require(examCode);
        return new SqlList("""
                select f.id, e.code, a.id_number, f.reason, f.status, f.amount, f.currency, f.channel,
                       f.original_transaction_id, f.channel_refund_id, f.failure_reason, f.created_at, f.updated_at,
                       d.id as delivery_id, d.status as delivery_status, d.attempts, d.last_status_code, d.last_error,
                       d.next_attempt_at, coalesce(""" + DELIVERY_PROBLEM + """
                , false) as problem""", """
                from refund f join registration r on r.id = f.registration_id
                join applicant a on a.id = r.applicant_id join exam e on e.id = f.exam_id
                left join lateral (select wd.id, wd.status, wd.last_status_code, wd.last_error, wd.next_attempt_at,
                        (select count(*) from webhook_attempt wa where wa.delivery_id = wd.id) as attempts
                    from webhook_delivery wd where wd.refund_id = f.id order by wd.id desc limit 1) d on true
                where f.exam_id = :exam""", "f.id", Map.of("exam", exam.id))
                .and("f.status = :status", "status", f.status())
                .and("f.reason = :reason", "reason", f.reason())
                .and("f.channel = :channel", "channel", f.channel())
                .and("coalesce(" + DELIVERY_PROBLEM + ", false) = :problem", "problem", f.deliveryProblem());
    }

    private static RefundView row(Tuple t) {
        return new RefundView(
                ((Number) t.get(0)).longValue(),
                (String) t.get(1),
                IdNumbers.mask((String) t.get(2)),
                RefundReason.valueOf((String) t.get(3)),
                RefundStatus.valueOf((String) t.get(4)),
                ((BigDecimal) t.get(5)).setScale(2).toPlainString(),
                (String) t.get(6),
                (String) t.get(7),
                (String) t.get(8),
                (String) t.get(9),
                (String) t.get(10),
                SqlValues.instant(t.get(11)),
                SqlValues.instant(t.get(12)),
                t.get(13) == null
                        ? null
                        : new RefundView.Delivery(
                                ((Number) t.get(13)).longValue(),
                                (String) t.get(14),
                                ((Number) t.get(15)).intValue(),
                                t.get(16) == null ? null : ((Number) t.get(16)).intValue(),
                                (String) t.get(17),
                                "PENDING".equals(t.get(14)) ? SqlValues.instant(t.get(18)) : null,
                                (Boolean) t.get(19)));
    }

    public RefundView view(Refund f) {
        return views(List.of(f)).get(0);
    }

    /** The views of a page of refunds, with their exams and masked ID numbers read in one query. */
    private List<RefundView> views(List<Refund> refunds) {
        if (refunds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select r.id, e.code, a.id_number from registration r
                        join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id
                        where r.id = any(?1)""", Tuple.class)
                .setParameter(1, refunds.stream().map(f -> f.registrationId).toArray(Long[]::new))
                .getResultList();
        Map<Long, Tuple> byRegistration = new java.util.HashMap<>();
        rows.forEach(t -> byRegistration.put(((Number) t.get(0)).longValue(), t));
        return refunds.stream()
                .map(f -> {
                    Tuple t = byRegistration.get(f.registrationId);
                    return new RefundView(
                            f.id,
                            (String) t.get(1),
                            IdNumbers.mask((String) t.get(2)),
                            f.reason,
                            f.status,
                            f.amount.setScale(2).toPlainString(),
                            f.currency,
                            f.channel,
                            f.originalTransactionId,
                            f.channelRefundId,
                            f.failureReason,
                            f.createdAt,
                            f.updatedAt,
                            null);
                })
                .toList();
    }
}
