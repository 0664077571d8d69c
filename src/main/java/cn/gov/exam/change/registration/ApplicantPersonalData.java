package cn.gov.exam.change.registration;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;

/**
 * The applicants' personal data of one exam, as the retention purge sees it (retention/RetentionService):
 * how much there is, and its purge. A purged applicant keeps the masked ID number staff always saw,
 * the year of birth and the qualification facts the decisions rest on; the name, the full ID number,
 * the mobile number and the password hash go, and tokens issued before stop working.
 */
@ApplicationScoped
public class ApplicantPersonalData {
    /** What a purged applicant's name reads in every view and export. */
    public static final String PURGED_NAME = "（已清除）";
    /** A password hash no password matches (common/credentials/Passwords checks the bcrypt form first). */
    static final String NO_PASSWORD = "purged";

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    /**
     * The SQL condition that the applicant row's ID number column (say {@code a.id_number}) holds a
     * full number, not a purge's mask. The unique index of an exam's ID numbers (V17) is partial on
     * this very expression and is their only index (V20): a lookup by exam and ID number names it
     * to be served by the index, since the planner cannot prove it of a bound parameter.
     */
    public static String fullIdNumber(String column) {
        return "strpos(" + column + ", '*') = 0";
    }

    /** Applicants of the exam whose data is still held, and how many of them have a mobile number. */
    public record Held(long applicants, long mobileNumbers) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Held held(long examId) {
        return jdbc.call(conn -> {
            // The condition as filters of the aggregates, not of the scan: the planner then estimates the
            // exam's rows from exam_id alone and reads a national exam's 2.5 million applicants in one
            // sequential pass (0.4 s), where the condition's default selectivity (0.5 %) had it walk
            // the partial index into the heap at random (2 s warm; past the statement timeout cold).
            try (PreparedStatement ps = conn.prepareStatement("""
                    select count(*) filter (where %1$s), count(phone) filter (where %1$s) from applicant
                    where exam_id = ?""".formatted(fullIdNumber("id_number")))) {
                ps.setLong(1, examId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Held(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /**
     * Purges the exam's applicants in one statement (millions of rows: the caller lifts the
     * timeouts); answers how many. The mask is common/credentials/IdNumbers.mask written in SQL.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long purge(long examId) {
        return jdbc.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("""
                    update applicant set
                        id_number = case when length(id_number) < 10 then '****'
                            else left(id_number, 6) || repeat('*', length(id_number) - 10) || right(id_number, 4) end,
                        name = ?, phone = null, password_hash = ?,
                        birth_date = make_date(extract(year from birth_date)::int, 1, 1),
                        token_generation = token_generation + 1, updated_at = ?
                    where exam_id = ? and %s""".formatted(fullIdNumber("id_number")))) {
                ps.setString(1, PURGED_NAME);
                ps.setString(2, NO_PASSWORD);
                ps.setTimestamp(3, Timestamp.from(clock.now()));
                ps.setLong(4, examId);
                return (long) ps.executeUpdate();
            }
        });
    }
}
