package cn.gov.exam.change.position;

import cn.gov.exam.change.agency.Agency;
import cn.gov.exam.change.agency.AgencyService;
import cn.gov.exam.change.agency.AgencyViews.AgencyRenamed;
import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.imports.ImportErrors;
import cn.gov.exam.change.common.imports.ImportReader;
import cn.gov.exam.change.common.imports.ImportResult;
import cn.gov.exam.change.common.imports.ImportRow;
import cn.gov.exam.change.common.paging.PageParams;
import cn.gov.exam.change.common.paging.PageResponse;
import cn.gov.exam.change.common.problems.FieldError;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class PositionService {
    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    AgencyService agencies;

    /**
     * Upserts the positions of an exam by code, all or nothing. Refused once the exam's ratio check
     * is published: quotas are frozen from then on.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public ImportResult importPositions(String examCode, InputStream body, String contentType) {
        jdbc.liftTimeouts();
        Exam exam = ExamService.requireUnpublishedForUpdate(examCode);
        ImportErrors errors = new ImportErrors();
        List<PositionRow> rows = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        ImportReader.forEach(body, contentType, errors, row -> {
            PositionRow p = read(row);
            if (p != null && !codes.add(p.code())) {
                row.reject("code", "appears more than once in this import");
            } else if (row.valid()) {
                rows.add(p);
                rowNumbers.add(row.number());
            }
        });
        long agenciesBefore = Agency.count();
        checkAgencies(rows, rowNumbers, errors);
        errors.throwIfAny();
        long existing = upsert(exam, rows);
        ImportResult result = new ImportResult(examCode, rows.size(), rows.size() - existing, existing);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("received", result.received());
        after.put("created", result.created());
        after.put("updated", result.updated());
        after.put("format", ImportReader.isCsv(contentType) ? "csv" : "json");
        after.put("agenciesAdded", Agency.count() - agenciesBefore);
        audit.record("positions.imported", "exam", examCode, examCode, null, after);
        return result;
    }

    /**
     * A code names one organisation in every exam: new codes join the registry with their name; a
     * row that gives a known code (or a code given earlier in the file) another name is refused.
     */
    private void checkAgencies(List<PositionRow> rows, List<Long> rowNumbers, ImportErrors errors) {
        Map<String, String> named = new LinkedHashMap<>();
        for (PositionRow r : rows) {
            named.putIfAbsent(r.agencyCode(), r.agencyName());
        }
        Map<String, String> registry = agencies.register(named);
        for (int i = 0; i < rows.size(); i++) {
            PositionRow r = rows.get(i);
            String known = registry.getOrDefault(r.agencyCode(), named.get(r.agencyCode()));
            if (!known.equals(r.agencyName())) {
                errors.add(new FieldError(
                        "agencyName",
                        "does not match the registered name of agency " + r.agencyCode() + ": " + known,
                        rowNumbers.get(i)));
            }
        }
    }

    /** A renamed agency's positions, in every exam, carry its new name. */
    void onAgencyRenamed(@Observes AgencyRenamed renamed) {
        em.createNativeQuery("update position set agency_name = ?1, updated_at = ?2 where agency_code = ?3")
                .setParameter(1, renamed.name())
                .setParameter(2, Timestamp.from(clock.now()))
                .setParameter(3, renamed.code())
                .executeUpdate();
    }

    private static PositionRow read(ImportRow row) {
        String code = row.text("code", true, 40);
        String agencyCode = Agency.canonical(row.text("agencyCode", true, 40));
        String agencyName = row.text("agencyName", true, 200);
        String employer = row.text("employer", true, 200);
        String title = row.text("title", true, 200);
        Integer quota = row.integer("quota", true, 1, 100_000);
        Integer ratio = row.integer("ratio", false, 1, 100);
        Education minEducation = row.enumValue("requirements.minEducation", Education.class, false);
        Boolean degree = row.bool("requirements.degreeRequired", false);
        List<String> majors = row.list("requirements.majors", 100);
        Integer maxAge = row.integer("requirements.maxAge", false, 16, 100);
        PoliticalStatus political = row.enumValue("requirements.politicalStatus", PoliticalStatus.class, false);
        Integer grassroots = row.integer("requirements.minGrassrootsYears", false, 0, 50);
        String region = row.text("requirements.householdRegion", false, 12);
        if (!row.valid()) {
            return null;
        }
        return new PositionRow(
                code,
                agencyCode,
                agencyName,
                employer,
                title,
                quota,
                ratio,
                new Requirements(
                        minEducation,
                        degree != null && degree,
                        majors,
                        maxAge,
                        political,
                        grassroots == null ? 0 : grassroots,
                        region));
    }

    /** Returns how many of the codes existed before. */
    private long upsert(Exam exam, List<PositionRow> rows) {
        return jdbc.call(conn -> {
            long existing;
            try (PreparedStatement count =
                    conn.prepareStatement("select count(*) from position where exam_id = ? and code = any(?)")) {
                count.setLong(1, exam.id);
                count.setArray(
                        2,
                        conn.createArrayOf(
                                "varchar", rows.stream().map(PositionRow::code).toArray()));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    existing = rs.getLong(1);
                }
            }
            Timestamp now = Timestamp.from(clock.now());
            try (PreparedStatement ps = conn.prepareStatement("""
                    insert into position (exam_id, code, agency_code, agency_name, employer, title, quota, original_quota,
                        ratio, status, min_education, degree_required, majors, max_age, political_status,
                        min_grassroots_years, household_region, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (exam_id, code) do update set agency_code = excluded.agency_code,
                        agency_name = excluded.agency_name, employer = excluded.employer, title = excluded.title,
                        quota = excluded.quota, original_quota = excluded.original_quota, ratio = excluded.ratio,
                        status = 'OPEN', min_education = excluded.min_education,
                        degree_required = excluded.degree_required, majors = excluded.majors,
                        max_age = excluded.max_age, political_status = excluded.political_status,
                        min_grassroots_years = excluded.min_grassroots_years,
                        household_region = excluded.household_region, updated_at = excluded.updated_at
                    """)) {
                int n = 0;
                for (PositionRow r : rows) {
                    Requirements q = r.requirements();
                    ps.setLong(1, exam.id);
                    ps.setString(2, r.code());
                    ps.setString(3, r.agencyCode());
                    ps.setString(4, r.agencyName());
                    ps.setString(5, r.employer());
                    ps.setString(6, r.title());
                    ps.setInt(7, r.quota());
                    ps.setInt(8, r.quota());
                    ps.setObject(9, r.ratio(), Types.INTEGER);
                    ps.setString(
                            10,
                            q.minEducation() == null ? null : q.minEducation().name());
                    ps.setBoolean(11, q.degreeRequired());
                    Array majors = conn.createArrayOf("text", q.majors().toArray());
                    ps.setArray(12, majors);
                    ps.setObject(13, q.maxAge(), Types.INTEGER);
                    ps.setString(
                            14,
                            q.politicalStatus() == null
                                    ? null
                                    : q.politicalStatus().name());
                    ps.setInt(15, q.minGrassrootsYears());
                    ps.setString(16, q.householdRegion());
                    ps.setTimestamp(17, now);
                    ps.setTimestamp(18, now);
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return existing;
        });
    }

    public PageResponse<PositionView> list(
            String examCode, PositionStatus status, PositionSearch search, PageParams page) {
        Exam exam = ExamService.require(examCode);
        StringBuilder where = new StringBuilder("from Position p where p.examId = :exam");
        Parameters params = Parameters.with("exam", exam.id);
        if (status != null) {
            where.append(" and p.status = :status");
            params.and("status", status);
        }
        where.append(search.condition(params));
        var query = Position.<Position>find(where + " order by p.code", params);
        return new PageResponse<>(
                query.page(page.page, page.size).list().stream()
                        .map(PositionView::of)
                        .toList(),
                page.page,
                page.size,
                query.count());
    }

    /** The ids of an exam's positions that the search finds. */
    public Set<Long> matching(long examId, PositionSearch search) {
        Parameters params = Parameters.with("exam", examId);
        String condition = search.condition(params);
        var query = em.createQuery("select p.id from Position p where p.examId = :exam" + condition, Long.class);
        params.map().forEach(query::setParameter);
        return new HashSet<>(query.getResultList());
    }
}
