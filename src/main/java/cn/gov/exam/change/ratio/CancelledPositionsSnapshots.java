package cn.gov.exam.change.ratio;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.exam.Exam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public list of cancelled positions, served from bytes prepared once. It is written to the
 * database in the publishing transaction and then held in memory: a published list never changes,
 * so every instance may keep it forever. Until publication the (empty) list is only held briefly,
 * so that instances notice another instance's publication within a second.
 */
@ApplicationScoped
public class CancelledPositionsSnapshots {
    private static final long UNPUBLISHED_TTL_NANOS = 1_000_000_000L;

    public record Snapshot(String etag, byte[] body, boolean published, long loadedAt) {}

    public record CancelledPosition(
            String code,
            String agencyCode,
            String agencyName,
            String employer,
            String title,
            int originalQuota,
            int confirmedApplicants,
            int requiredApplicants) {}

    public record CancelledPositions(String examCode, int count, List<CancelledPosition> positions) {}

    private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Inject
    AppClock clock;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Held snapshot, or null when it must be loaded (a blocking call to {@link #load}). */
    public Snapshot cached(String examCode) {
        Snapshot s = cache.get(examCode);
        if (s == null || (!s.published() && System.nanoTime() - s.loadedAt() > UNPUBLISHED_TTL_NANOS)) {
            return null;
        }
        return s;
    }

    public Snapshot load(String examCode) {
        try (Connection conn = jdbc.connection();
                PreparedStatement ps = conn.prepareStatement("""
                     select e.published_at is not null, s.etag, s.body
                     from exam e left join cancelled_positions_snapshot s on s.exam_id = e.id
                     where e.code = ?""")) {
            ps.setString(1, examCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Exam " + examCode);
                }
                Snapshot s = rs.getBoolean(1) && rs.getString(2) != null
                        ? new Snapshot(rs.getString(2), rs.getBytes(3), true, System.nanoTime())
                        : snapshot(new CancelledPositions(examCode, 0, List.of()), false);
                cache.put(examCode, s);
                return s;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the cancelled positions of an exam", e);
        }
    }

    /** Writes the published list, in the publishing transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void store(Exam exam) {
        Snapshot s = jdbc.call(conn -> {
            List<CancelledPosition> positions = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("""
                    select p.code, p.agency_code, p.agency_name, p.employer, p.title, p.original_quota,
                           r.confirmed_applicants, r.ratio * p.original_quota
                    from ratio_check_result r join position p on p.id = r.position_id
                    where r.exam_id = ? and r.outcome = 'CANCEL' order by p.code""")) {
                ps.setLong(1, exam.id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        positions.add(new CancelledPosition(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getInt(7),
                                rs.getInt(8)));
                    }
                }
            }
            Snapshot snapshot = snapshot(new CancelledPositions(exam.code, positions.size(), positions), true);
            try (PreparedStatement ps = conn.prepareStatement("""
                    insert into cancelled_positions_snapshot (exam_id, etag, body, created_at) values (?, ?, ?, ?)
                    on conflict (exam_id) do update set etag = excluded.etag, body = excluded.body,
                        created_at = excluded.created_at""")) {
                ps.setLong(1, exam.id);
                ps.setString(2, snapshot.etag());
                ps.setBytes(3, snapshot.body());
                ps.setTimestamp(4, Timestamp.from(clock.now()));
                ps.executeUpdate();
            }
            return snapshot;
        });
        String code = exam.code;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    cache.put(code, s);
                }
            }
        });
    }

    private Snapshot snapshot(CancelledPositions list, boolean published) {
        try {
            byte[] body = json.writeValueAsBytes(list);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
            return new Snapshot(etag, body, published, System.nanoTime());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
