package cn.gov.exam.change.registration;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.credentials.Passwords;
import cn.gov.exam.change.common.export.CsvWriter;
import cn.gov.exam.change.common.imports.ImportErrors;
import cn.gov.exam.change.common.imports.ImportReader;
import cn.gov.exam.change.common.imports.ImportResult;
import cn.gov.exam.change.common.imports.ImportRow;
import cn.gov.exam.change.common.problems.FieldError;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamService;
import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Imports the registration system's export: applicants with their registration and payment.
 * An applicant row (credential and qualification facts) belongs to the exam of its import, so an
 * import never changes what another exam's sign-in or precheck reads.
 *
 * <p>Rows stream from the request body through validation into a temporary table by COPY, so a
 * file of millions of rows is never in memory; checks that need the database (unknown positions,
 * duplicates) then run set-based on that table, and two set-based upserts merge it. Any problem
 * anywhere rolls the whole import back and every bad row is reported.
 *
 * <p>Each staged row takes its applicant id as it is copied (the sequence's next value, or the
 * applicant's own id when the exam already has them), so the registrations are written without
 * joining millions of applicants back by ID number; an exam's first import inserts without the
 * upserts' conflict checks (bench/rehearsal.sh stage a).
 */
@ApplicationScoped
public class RegistrationImportService {
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
    private static final int FLUSH_BYTES = 1 << 16;
    /** The columns of registration_stage that COPY fills, in order (applicant_id takes its default). */
    private static final String STAGE_COLUMN_NAMES = "row_no, id_number, name, phone, birth_date, education, degree,"
            + " major, political_status, grassroots_years, household_region, password_hash, position_code,"
            + " fee_status, fee_amount, payment_channel, transaction_id, paid_at";

    private static final int STAGE_COLUMNS = STAGE_COLUMN_NAMES.split(",").length;

    @Inject
    EntityManager em;

    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public ImportResult importRegistrations(String examCode, InputStream body, String contentType) {
        jdbc.liftTimeouts();
        Exam exam = ExamService.requireUnpublishedForUpdate(examCode);
        ImportErrors errors = new ImportErrors();
        ImportResult result = jdbc.call(conn -> {
            try (Statement st = conn.createStatement()) {
                // Sorting millions of ID numbers for the duplicate checks in memory, not on disk.
                st.execute("set local work_mem = '256MB'");
                st.execute("""
                        create temp table registration_stage (
                            applicant_id bigint not null default nextval('applicant_id_seq'),
                            row_no bigint, id_number text, name text, phone text, birth_date date,
                            education text, degree boolean, major text, political_status text,
                            grassroots_years integer, household_region text, password_hash text, position_code text,
                            fee_status text, fee_amount numeric(10,2), payment_channel text, transaction_id text,
                            paid_at timestamptz) on commit drop""");
            }
            // COPY's CSV written by the exports' writer, through the driver's buffer of FLUSH_BYTES.
            PGCopyOutputStream copy = new PGCopyOutputStream(
                    conn.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn("copy registration_stage (" + STAGE_COLUMN_NAMES
                                    + ") from stdin with (format csv)"),
                    FLUSH_BYTES);
            long received;
            try {
                CsvWriter stage = new CsvWriter(copy, STAGE_COLUMNS, CsvWriter.Format.COPY);
                received = ImportReader.forEach(body, contentType, errors, row -> {
                    List<Object> cells = stageRow(row);
                    // Valid rows are staged even after a bad one, so the database checks report theirs too.
                    if (cells != null) {
                        stage(stage, cells);
                    }
                });
                stage.flush();
                copy.endCopy();
            } catch (IOException e) {
                throw new IllegalStateException("COPY into the staging table failed", e);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            try (Statement st = conn.createStatement()) {
                st.execute("analyze registration_stage");
            }
            checkAgainstDatabase(conn, exam, errors);
            errors.throwIfAny();
            return merge(conn, exam, received);
        });
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("received", result.received());
        after.put("created", result.created());
        after.put("updated", result.updated());
        after.put("format", ImportReader.isCsv(contentType) ? "csv" : "json");
        audit.record("registrations.imported", "exam", examCode, examCode, null, after);
        return result;
    }

    private static void stage(CsvWriter stage, List<Object> cells) {
        try {
            stage.row(cells);
        } catch (IOException e) {
            throw new IllegalStateException("COPY into the staging table failed", e);
        }
    }

    /** Validates one row; returns its cells for COPY (the staging table's columns), or null when the row is bad. */
    private static List<Object> stageRow(ImportRow row) {
        String idNumber = row.text("idNumber", true, 18);
        if (idNumber != null) {
            idNumber = idNumber.toUpperCase();
            String problem = IdNumbers.problem(idNumber);
            if (problem != null) {
                row.reject("idNumber", problem);
                idNumber = null;
            }
        }
        String name = row.text("name", true, 100);
        String phone = row.text("phone", false, 20);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            row.reject("phone", "must be a phone number");
        }
        LocalDate birthDate = row.date("birthDate", true);
        if (birthDate != null
                && idNumber != null
                && !idNumber.substring(6, 14).equals(birthDate.toString().replace("-", ""))) {
            row.reject("birthDate", "does not match the birth date in idNumber");
        }
        Education education = row.enumValue("education", Education.class, true);
        Boolean degree = row.bool("degree", true);
        String major = row.text("major", false, 100);
        PoliticalStatus political = row.enumValue("politicalStatus", PoliticalStatus.class, true);
        Integer grassroots = row.integer("grassrootsYears", false, 0, 60);
        String region = row.text("householdRegion", false, 12);
        String password = row.text("password", false, 200);
        String passwordHash = row.text("passwordHash", false, 100);
        if (passwordHash != null && !Passwords.isBcryptHash(passwordHash)) {
            row.reject("passwordHash", "must be a bcrypt hash");
        } else if (passwordHash == null && password == null) {
            row.reject("password", "password or passwordHash is required");
        } else if (passwordHash == null && password.length() < 6) {
            row.reject("password", "must be at least 6 characters");
        }
        String positionCode = row.text("positionCode", true, 40);
        FeeStatus fee = row.enumValue("fee.status", FeeStatus.class, true);
        boolean paid = fee == FeeStatus.PAID;
        BigDecimal amount = row.money("fee.amount", paid);
        String currency = row.text("fee.currency", false, 3);
        PaymentChannel channel = row.enumValue("fee.channel", PaymentChannel.class, paid);
        String transactionId = row.text("fee.transactionId", paid, 64);
        OffsetDateTime paidAt = row.instant("fee.paidAt", paid);
        checkFee(row, fee, amount, currency);
        if (!row.valid()) {
            return null;
        }
        // Hashing a plain password is the slow part of a row; exports should carry hashes.
        String hash = passwordHash != null ? passwordHash : Passwords.hash(password);
        return Arrays.asList(
                row.number(),
                idNumber,
                name,
                phone,
                birthDate,
                education,
                degree,
                major,
                political,
                grassroots == null ? 0 : grassroots,
                region,
                hash,
                positionCode,
                fee,
                paid ? amount.toPlainString() : null,
                paid ? channel : null,
                paid ? transactionId : null,
                paid ? paidAt : null);
    }

    /** A PAID fee is a positive amount in CNY; any other has no payment to speak of. */
    private static void checkFee(ImportRow row, FeeStatus fee, BigDecimal amount, String currency) {
        if (fee == FeeStatus.PAID) {
            if (amount != null && amount.signum() <= 0) {
                row.reject("fee.amount", "must be more than 0 for a PAID registration");
            }
            if (currency != null && !currency.equals("CNY")) {
                row.reject("fee.currency", "must be CNY");
            }
        } else if (fee != null) {
            for (String f : new String[] {"fee.channel", "fee.transactionId", "fee.paidAt"}) {
                if (row.text(f, false, 100) != null) {
                    row.reject(f, "must be empty for a " + fee + " registration");
                }
            }
            if (amount != null && amount.signum() != 0) {
                row.reject("fee.amount", "must be empty for a " + fee + " registration");
            }
        }
    }

    private static void checkAgainstDatabase(Connection conn, Exam exam, ImportErrors errors) throws SQLException {
        report(conn, errors, "positionCode", "is not a position of this exam", """
                select s.row_no from registration_stage s
                where not exists (select 1 from position p where p.exam_id = ? and p.code = s.position_code)
                order by s.row_no limit 1000""", exam.id);
        report(conn, errors, "idNumber", "appears more than once in this import", """
                select row_no from (select row_no, row_number() over (partition by id_number order by row_no) rn
                                    from registration_stage) d
                where rn > 1 order by row_no limit 1000""");
        report(conn, errors, "fee.transactionId", "appears more than once in this import", """
                select row_no from (select row_no, row_number() over (partition by payment_channel, transaction_id
                                                                      order by row_no) rn
                                    from registration_stage where transaction_id is not null) d
                where rn > 1 order by row_no limit 1000""");
        report(conn, errors, "fee.transactionId", "belongs to another registration", """
                select s.row_no from registration_stage s
                join registration r on r.payment_channel = s.payment_channel and r.transaction_id = s.transaction_id
                join applicant a on a.id = r.applicant_id
                where s.transaction_id is not null and (r.exam_id <> ? or a.id_number <> s.id_number)
                order by s.row_no limit 1000""", exam.id);
    }

    private static void report(
            Connection conn, ImportErrors errors, String field, String message, String sql, Object... params)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    errors.add(new FieldError(field, message, rs.getLong(1)));
                }
            }
        }
    }

    private ImportResult merge(Connection conn, Exam exam, long received) throws SQLException {
        Timestamp now = Timestamp.from(clock.now());
        boolean first;
        try (PreparedStatement ps =
                // Every applicant comes with a registration (this merge writes both): the exam's key of
                // registrations answers, where applicant has no index that leads by exam alone.
                conn.prepareStatement("select not exists (select 1 from registration where exam_id = ?)")) {
            ps.setLong(1, exam.id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                first = rs.getBoolean(1);
            }
        }
        if (!first) {
            // A re-import: applicants already known keep their id (and so their switches and refunds).
            try (PreparedStatement ps =
                    conn.prepareStatement("""
                    update registration_stage s set applicant_id = a.id
                    from applicant a
                    where a.exam_id = ? and a.id_number = s.id_number and %s""".formatted(ApplicantPersonalData.fullIdNumber("a.id_number")))) {
                ps.setLong(1, exam.id);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                insert into applicant (id, exam_id, id_number, name, phone, birth_date, education, degree, major,
                                       political_status, grassroots_years, household_region, password_hash,
                                       created_at, updated_at)
                select applicant_id, ?, id_number, name, phone, birth_date, education, degree, major, political_status,
                       grassroots_years, household_region, password_hash, ?, ?
                from registration_stage""" + (first ? "" : """

                on conflict (id)
                do update set name = excluded.name, phone = excluded.phone,
                    birth_date = excluded.birth_date, education = excluded.education, degree = excluded.degree,
                    major = excluded.major, political_status = excluded.political_status,
                    grassroots_years = excluded.grassroots_years, household_region = excluded.household_region,
                    password_hash = excluded.password_hash, updated_at = excluded.updated_at"""))) {
            ps.setLong(1, exam.id);
            ps.setTimestamp(2, now);
            ps.setTimestamp(3, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                with merged as (
                    insert into registration (exam_id, applicant_id, position_id, fee_status, fee_amount, fee_currency,
                                              payment_channel, transaction_id, paid_at, created_at, updated_at)
                    select ?, s.applicant_id, p.id, s.fee_status, s.fee_amount,
                           case when s.fee_status = 'PAID' then 'CNY' end,
                           s.payment_channel, s.transaction_id, s.paid_at, ?, ?
                    from registration_stage s
                    join position p on p.exam_id = ? and p.code = s.position_code""" + (first ? "" : """

                    on conflict (exam_id, applicant_id) do update set position_id = excluded.position_id,
                        fee_status = excluded.fee_status, fee_amount = excluded.fee_amount,
                        fee_currency = excluded.fee_currency, payment_channel = excluded.payment_channel,
                        transaction_id = excluded.transaction_id, paid_at = excluded.paid_at,
                        updated_at = excluded.updated_at""") + """

                    returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from merged""")) {
            ps.setLong(1, exam.id);
            ps.setTimestamp(2, now);
            ps.setTimestamp(3, now);
            ps.setLong(4, exam.id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ImportResult(exam.code, received, rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
