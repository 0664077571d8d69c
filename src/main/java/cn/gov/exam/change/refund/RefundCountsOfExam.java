package cn.gov.exam.change.refund;

import cn.gov.exam.change.review.RefundCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class RefundCountsOfExam implements RefundCounts {
    @Inject
    EntityManager em;

    @Override
    public Map<String, Long> byStatus(long examId) {
        return countBy("status", RefundStatus.values(), examId);
    }

    @Override
    public Map<String, Long> byReason(long examId) {
        return countBy("reason", RefundReason.values(), examId);
    }

    @Override
    public long deliveryProblems(long examId) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from refund f
                        join lateral (select wd.status, wd.last_status_code, wd.last_error,
                                (select count(*) from webhook_attempt wa where wa.delivery_id = wd.id) as attempts
                            from webhook_delivery wd where wd.refund_id = f.id order by wd.id desc limit 1) d on true
                        where f.exam_id = ?1 and """ + RefundReads.DELIVERY_PROBLEM)
                        .setParameter(1, examId)
                        .getSingleResult())
                .longValue();
    }

    /** {@code column} is one of ours, never input. */
    private Map<String, Long> countBy(String column, Enum<?>[] values, long examId) {
        Map<String, Long> out = new LinkedHashMap<>();
        Arrays.stream(values).forEach(v -> out.put(v.name(), 0L));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(
                        "select " + column + " as v, count(*) as n from refund" + " where exam_id = ?1 group by "
                                + column,
                        Tuple.class)
                .setParameter(1, examId)
                .getResultList();
        rows.forEach(r -> out.put((String) r.get("v"), ((Number) r.get("n")).longValue()));
        return out;
    }
}
