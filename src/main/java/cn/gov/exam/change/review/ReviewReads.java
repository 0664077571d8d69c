package cn.gov.exam.change.review;

import cn.gov.exam.change.agency.Agency;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.common.sql.SqlList;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.position.Position;
import cn.gov.exam.change.registration.Applicant;
import cn.gov.exam.change.review.ReviewViews.ApplicantDetails;
import cn.gov.exam.change.review.ReviewViews.Review;
import cn.gov.exam.change.review.ReviewViews.TargetPosition;
import cn.gov.exam.change.switching.PositionSwitch;
import cn.gov.exam.change.switching.Precheck;
import cn.gov.exam.change.switching.PrecheckResult;
import cn.gov.exam.change.switching.SwitchRules;
import cn.gov.exam.change.switching.SwitchStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.jpa.HibernateHints;

/**
 * What is read of reviews: the agency's queue and its export, and a review as the API shows it. A
 * reviewer sees only switches into their own agency's positions (others' are "not found"); an agency
 * is a registry code, which names one organisation in every exam.
 */
@ApplicationScoped
public class ReviewReads {
    private static final String SELECT = """
            select s, tp, op, a from PositionSwitch s
            join Position tp on tp.id = s.targetPositionId
            join Position op on op.id = s.fromPositionId
            join Registration r on r.id = s.registrationId
            join r.applicant a
            where s.examId = :exam""";

    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /** The filters of the review list and its export; null filters nothing. */
    public record Filter(SwitchStatus status, String agency) {}

    @Transactional
    public PageResponse<Review> queue(String examCode, Filter filter, PageParams page) {
        Exam exam = ExamService.require(examCode);
        String where = where(filter);
        TypedQuery<Object[]> q = bind(em.createQuery(SELECT + where + ORDER, Object[].class), exam, filter);
        TypedQuery<Long> count = bind(
                em.createQuery("select count(s) " + SELECT.substring(SELECT.indexOf("from")) + where, Long.class),
                exam,
                filter);
        List<Review> items = q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(row ->
                        view(exam, (PositionSwitch) row[0], (Position) row[1], (Position) row[2], (Applicant) row[3]))
                .toList();
        return new PageResponse<>(items, page.page, page.size, count.getSingleResult());
    }

    /** One row of the review export: what the list shows, with the ID number masked. */
    public record ResultRow(
            long id,
            String examCode,
            String agencyCode,
            String agencyName,
            String targetPositionCode,
            String targetPositionTitle,
            String originalPositionCode,
            String applicantName,
            String idNumberMasked,
            PrecheckResult precheckResult,
            SwitchStatus status,
            String reviewer,
            String reason,
            Instant decidedAt,
            boolean lateDecision,
            Instant createdAt) {}

    /**
     * Every review the list would show with this filter (a reviewer: their agency's only), in its
     * order, read through a cursor and let go of row by row: constant memory.
     */
    @Transactional
    public void forEach(String examCode, Filter filter, SqlList.RowConsumer<ResultRow> each) throws IOException {
        jdbc.liftTimeouts();
        Exam exam = ExamService.require(examCode);
        try (Stream<Object[]> rows = bind(em.createQuery(SELECT + where(filter) + ORDER, Object[].class), exam, filter)
                .setHint(HibernateHints.HINT_FETCH_SIZE, 500)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream()) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                PositionSwitch s = (PositionSwitch) row[0];
                Position target = (Position) row[1];
                Position original = (Position) row[2];
                Applicant a = (Applicant) row[3];
                each.accept(new ResultRow(
                        s.id,
                        exam.code,
                        target.agencyCode,
                        target.agencyName,
                        target.code,
                        target.title,
                        original.code,
                        a.name,
                        IdNumbers.mask(a.idNumber),
                        s.precheckResult,
                        s.status,
                        s.reviewer,
                        s.reason,
                        s.decidedAt,
                        s.lateDecision,
                        s.createdAt));
                for (Object entity : row) {
                    em.detach(entity);
                }
            }
        }
    }

    private static final String ORDER = " order by s.createdAt, s.id";

    /** The conditions of the filter, and the reviewer's own agency, which no filter lifts. */
    private String where(Filter filter) {
        StringBuilder where = new StringBuilder();
        if (filter.status() != null) {
            where.append(" and s.status = :status");
        }
        if (reviewerAgency() != null) {
            where.append(" and tp.agencyCode = :ownAgency");
        }
        if (filter.agency() != null) {
            where.append(" and tp.agencyCode = :agency");
        }
        return where.toString();
    }

    private <Q extends TypedQuery<?>> Q bind(Q query, Exam exam, Filter filter) {
        query.setParameter("exam", exam.id);
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        String own = reviewerAgency();
        if (own != null) {
            query.setParameter("ownAgency", own);
        }
        if (filter.agency() != null) {
            query.setParameter("agency", filter.agency());
        }
        return query;
    }

    /** The reviewer's agency, or null for an administrator, who sees every agency. */
    String reviewerAgency() {
        if (identity.hasRole(Roles.ADMIN)) {
            return null;
        }
        Object agency = jwt.getClaim("agency");
        if (agency == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This reviewer account has no agency");
        }
        // Tokens issued before the registry may carry a code in another case.
        return Agency.canonical(agency.toString());
    }

    Review view(Exam exam, PositionSwitch s, Position target, Position original, Applicant a) {
        // Judged on what was stored at switch time; the recomputation from today's applicant row and
        // deadline is shown beside it, flagged when it differs.
        Precheck stored = s.storedPrecheck();
        Precheck current = Precheck.of(SwitchRules.facts(a), target.requirements(), SwitchRules.ageDate(exam));
        boolean changed = stored.result() != current.result()
                || !stored.manualRequirements().equals(current.manualRequirements());
        Instant now = clock.now();
        long left = Math.max(0, Duration.between(now, exam.reviewDeadline).toSeconds());
        return new Review(
                s.id,
                exam.code,
                target.code,
                new TargetPosition(
                        target.code,
                        target.title,
                        target.agencyCode,
                        target.agencyName,
                        target.employer,
                        target.requirements()),
                original.code,
                new ApplicantDetails(
                        a.name,
                        a.idNumber,
                        a.birthDate,
                        a.education,
                        a.degree,
                        a.major,
                        a.politicalStatus,
                        a.grassrootsYears,
                        a.householdRegion,
                        cn.gov.exam.change.common.credentials.Phones.mask(a.phone)),
                stored,
                current,
                changed,
                s.status,
                s.reviewer,
                s.reason,
                s.decidedAt,
                s.lateDecision,
                s.createdAt,
                exam.reviewDeadline,
                left);
    }
}
