package cn.gov.exam.change.audit;

import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What staff read of the audit trail: the filtered list and its export. */
@ApplicationScoped
public class AuditReads {
    @Inject
    EntityManager em;

    /** The filters of the audit list; blank values filter nothing. */
    public record Filter(String subject, String actor, String action, String examCode, Instant from, Instant to) {
    }

    @Transactional
    public PageResponse<AuditEventView> search(Filter filter, PageParams page) {
        PanacheQuery<AuditEvent> q = query(filter);
        long total = q.count();
        List<AuditEventView> items = q.page(page.page, page.size).list().stream().map(AuditEventView::of).toList();
        return new PageResponse<>(items, page.page, page.size, total);
    }

    /**
     * Every event the filter matches, in the list's order, handed to {@code each} one at a time:
     * read through a cursor and let go of after each, so memory stays constant however many match.
     */
    @Transactional
    public void forEach(Filter filter, EventConsumer each) throws IOException {
        try (Stream<AuditEvent> events = query(filter).withHint(HibernateHints.HINT_FETCH_SIZE, 500)
                .withHint(HibernateHints.HINT_READ_ONLY, true).stream()) {
            for (AuditEvent e : (Iterable<AuditEvent>) events::iterator) {
                each.accept(AuditEventView.of(e));
                em.detach(e);
            }
        }
    }

    /** Receives the events of an export; may fail writing them. */
    public interface EventConsumer {
        void accept(AuditEventView event) throws IOException;
    }

    private static PanacheQuery<AuditEvent> query(Filter f) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.subject() != null && !f.subject().isBlank()) {
            // "registration:42" names type and id; a bare value matches either.
            int colon = f.subject().indexOf(':');
            if (colon > 0) {
                where.add("subjectType = :subjectType and subjectId = :subjectId");
                params.and("subjectType", f.subject().substring(0, colon)).and("subjectId", f.subject().substring(colon + 1));
            } else {
                where.add("(subjectId = :subject or subjectType = :subject)");
                params.and("subject", f.subject());
            }
        }
        if (f.actor() != null && !f.actor().isBlank()) {
            where.add("actor = :actor");
            params.and("actor", f.actor());
        }
        if (f.action() != null && !f.action().isBlank()) {
            where.add("action = :action");
            params.and("action", f.action());
        }
        if (f.examCode() != null && !f.examCode().isBlank()) {
            where.add("examCode = :examCode");
            params.and("examCode", f.examCode());
        }
        if (f.from() != null) {
            where.add("occurredAt >= :from");
            params.and("from", f.from());
        }
        if (f.to() != null) {
            where.add("occurredAt < :to");
            params.and("to", f.to());
        }
        Sort sort = Sort.descending("occurredAt", "id");
        return where.isEmpty() ? AuditEvent.findAll(sort)
                : AuditEvent.find(String.join(" and ", where), sort, params.map());
    }
}
