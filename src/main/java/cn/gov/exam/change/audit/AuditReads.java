package cn.gov.exam.change.audit;

import cn.gov.exam.change.common.Labels;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.sql.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;

/** What staff read of the audit trail: the filtered list and its export, actors as staff read them. */
@ApplicationScoped
public class AuditReads {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    /** The filters of the audit list; blank values filter nothing. */
    public record Filter(String subject, String actor, String action, String examCode, Instant from, Instant to) {}

    @Transactional
    public PageResponse<AuditEventView> search(Filter filter, PageParams page) {
        PanacheQuery<AuditEvent> q = query(filter);
        long total = q.count();
        List<AuditEvent> events = q.page(page.page, page.size).list();
        Map<Long, String> applicants =
                maskedApplicants(events.stream().map(e -> e.actor).toList());
        List<AuditEventView> items = events.stream()
                .map(e -> AuditEventView.of(e, actorLabel(e.actor, applicants)))
                .toList();
        return new PageResponse<>(items, page.page, page.size, total);
    }

    /**
     * Every event the filter matches, in the list's order, handed to {@code each} one at a time:
     * read through a cursor and let go of after each, so memory stays constant however many match.
     */
    @Transactional
    public void forEach(Filter filter, EventConsumer each) throws IOException {
        jdbc.liftTimeouts();
        try (Stream<AuditEvent> events = query(filter)
                .withHint(HibernateHints.HINT_FETCH_SIZE, 500)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .stream()) {
            Map<Long, String> applicants = new java.util.HashMap<>();
            for (AuditEvent e : (Iterable<AuditEvent>) events::iterator) {
                Long registration = applicantRegistration(e.actor);
                if (registration != null && !applicants.containsKey(registration)) {
                    if (applicants.size() > 10_000) {
                        applicants.clear(); // constant memory: an export of millions of applicant events
                    }
                    applicants.putAll(maskedApplicants(List.of(e.actor)));
                }
                each.accept(AuditEventView.of(e, actorLabel(e.actor, applicants)));
                em.detach(e);
            }
        }
    }

    private static final java.util.regex.Pattern APPLICANT_ACTOR =
            java.util.regex.Pattern.compile("applicant-(\\d{1,18})");

    /** The registration an applicant actor ("applicant-42") names, or null for anyone else. */
    private static Long applicantRegistration(String actor) {
        var m = actor == null ? null : APPLICANT_ACTOR.matcher(actor);
        return m != null && m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    /** The masked ID numbers of the applicants among these actors, by registration id (read, never written). */
    private Map<Long, String> maskedApplicants(List<String> actors) {
        Long[] ids = actors.stream()
                .map(AuditReads::applicantRegistration)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(Long[]::new);
        Map<Long, String> out = new java.util.HashMap<>();
        if (ids.length == 0) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select r.id, a.id_number from registration r join applicant a on a.id = r.applicant_id
                        where r.id = any(?1)""").setParameter(1, ids).getResultList();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), IdNumbers.mask((String) r[1])));
        return out;
    }

    /** Staff by username; applicants as 考生 and their masked ID number; the service's own actors by name. */
    private static String actorLabel(String actor, Map<Long, String> applicants) {
        Long registration = applicantRegistration(actor);
        if (registration != null) {
            String masked = applicants.get(registration);
            return "考生 " + (masked == null ? "（报名记录 " + registration + "）" : masked);
        }
        return Labels.label("Actor", actor);
    }

    /** Every exam's time zone by code, for the audit export's times (read, never written). */
    @Transactional
    public Map<String, String> examZones() {
        Map<String, String> out = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("select code, time_zone from exam").getResultList();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
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
                params.and("subjectType", f.subject().substring(0, colon))
                        .and("subjectId", f.subject().substring(colon + 1));
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
        return where.isEmpty()
                ? AuditEvent.findAll(sort)
                : AuditEvent.find(String.join(" and ", where), sort, params.map());
    }
}
