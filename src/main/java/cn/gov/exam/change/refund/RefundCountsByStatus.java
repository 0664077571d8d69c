package cn.gov.exam.change.refund;

import cn.gov.exam.change.review.RefundCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class RefundCountsByStatus implements RefundCounts {
    @Inject
    EntityManager em;

    @Override
    public Map<String, Long> byStatus(long examId) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RefundStatus s : RefundStatus.values()) {
            out.put(s.name(), 0L);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(
                        "select status, count(*) as n from refund where exam_id = ?1 group by status", Tuple.class)
                .setParameter(1, examId).getResultList();
        rows.forEach(r -> out.put((String) r.get("status"), ((Number) r.get("n")).longValue()));
        return out;
    }
}
