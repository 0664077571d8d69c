package cn.gov.exam.change.notification;

import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.sql.Jdbc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Tells applicants of each step, in the transaction of the decision that causes it: the switching,
 * review, refund and ratio packages call one method each. It reads what it needs with its own SQL
 * and calls none of them back. Each call is one statement ({@link NotificationSql}) whatever the
 * number of recipients.
 */
@ApplicationScoped
public class Notifier {
    @Inject
    Jdbc jdbc;

    @Inject
    AppClock clock;

    @Inject
    AppConfig config;

    /** What a statement made: notifications, and of them SMS. */
    public record Made(int notifications, int sms) {}

    /** The parameters of one statement besides the recipients' query. */
    private record Params(NotificationKind kind, String template, long k1, Long[] ids, String a1, String a2) {}

    /** The ratio check is published: every confirmed applicant of a cancelled position. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Made positionCancelled(long examId) {
        return make(
                NotificationSql.CANCELLED,
                examOf("select ?::bigint", examId),
                new Params(
                        NotificationKind.POSITION_CANCELLED,
                        NotificationTexts.template(NotificationKind.POSITION_CANCELLED),
                        examId,
                        null,
                        null,
                        null));
    }

    /** A reminder before the deadline ({@code offset} names the occurrence) to those who have not acted. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Made deadlineReminder(long examId, Duration offset) {
        return make(
                NotificationSql.REMINDED,
                examOf("select ?::bigint", examId),
                new Params(
                        NotificationKind.DEADLINE_REMINDER,
                        NotificationTexts.template(NotificationKind.DEADLINE_REMINDER),
                        examId,
                        null,
                        offset.toString(),
                        null));
    }

    /** A review's decision; a rejection says why, and whether a switch is left. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Made reviewDecided(long switchId, boolean approved, String reason, boolean switchLeft) {
        NotificationKind kind = approved ? NotificationKind.REVIEW_APPROVED : NotificationKind.REVIEW_REJECTED;
        String template = approved ? NotificationTexts.template(kind) : NotificationTexts.rejected(switchLeft);
        return make(
                NotificationSql.SWITCH,
                examOf("select exam_id from position_switch where id = ?", switchId),
                new Params(kind, template, switchId, null, NotificationTexts.reason(reason), null));
    }

    /** Refunds queued (one, or an exam's at its deadline): amount and channel. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Made refundsQueued(List<Long> refundIds) {
        if (refundIds.isEmpty()) {
            return new Made(0, 0);
        }
        return make(
                NotificationSql.REFUNDS,
                examOf("select exam_id from refund where id = ?", refundIds.get(0)),
                new Params(
                        NotificationKind.REFUND_QUEUED,
                        NotificationTexts.template(NotificationKind.REFUND_QUEUED),
                        0,
                        refundIds.toArray(Long[]::new),
                        null,
                        null));
    }

    /** A payment system confirmed a refund: succeeded, or failed (the text says whom to call). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Made refundSettled(long refundId, boolean succeeded) {
        NotificationKind kind = succeeded ? NotificationKind.REFUND_SUCCEEDED : NotificationKind.REFUND_FAILED;
        return make(
                NotificationSql.REFUNDS,
                examOf("select exam_id from refund where id = ?", refundId),
                new Params(kind, NotificationTexts.template(kind), 0, new Long[] {refundId}, null, null));
    }

    /**
     * A switch was requested: written on the switching request's own reactive connection, in its
     * pipelined transaction (the switch row is written before it on the same connection).
     */
    public Uni<Void> switchReceived(SqlConnection conn, long switchId, ZoneId zone, Instant now) {
        Params p = new Params(
                NotificationKind.SWITCH_RECEIVED,
                NotificationTexts.template(NotificationKind.SWITCH_RECEIVED),
                switchId,
                null,
                null,
                null);
        Instant release = quietHours().releaseAt(now, zone, NotificationKind.SWITCH_RECEIVED, null);
        Object[] values = values(p, now, release);
        return conn.preparedQuery(NotificationSql.statement(NotificationSql.SWITCH))
                .execute(Tuple.from(Arrays.asList(values)))
                .replaceWithVoid();
    }

    private QuietHours quietHours() {
        return QuietHours.parse(config.notifications().quietHours());
    }

    /** The exam (time zone, switch deadline) a statement's recipients belong to, for the quiet hours. */
    private record ExamTime(ZoneId zone, Instant switchDeadline) {}

    private ExamTime examOf(String examIdQuery, long key) {
        return jdbc.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "select e.time_zone, e.switch_deadline from exam e where e.id = (" + examIdQuery + ")")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? new ExamTime(
                                    ZoneId.of(rs.getString(1)),
                                    rs.getTimestamp(2).toInstant())
                            : null;
                }
            }
        });
    }

    private Made make(String src, ExamTime exam, Params p) {
        if (exam == null) {
            return new Made(0, 0);
        }
        Instant now = clock.now();
        Instant release = quietHours().releaseAt(now, exam.zone(), p.kind(), exam.switchDeadline());
        Object[] values = values(p, now, release);
        return jdbc.call(conn -> run(conn, NotificationSql.jdbc(src), values));
    }

    private Object[] values(Params p, Instant now, Instant release) {
        return new Object[] {
            p.kind().name(),
            p.template(),
            config.notifications().defaultSignature(),
            config.helpContact(),
            now.atOffset(ZoneOffset.UTC),
            now.toString(),
            release.atOffset(ZoneOffset.UTC),
            p.k1(),
            p.ids(),
            p.a1(),
            p.a2()
        };
    }

    private static Made run(Connection conn, String sql, Object[] v) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < v.length; i++) {
                Object x = v[i];
                if (x instanceof java.time.OffsetDateTime t) {
                    ps.setTimestamp(i + 1, Timestamp.from(t.toInstant()));
                } else if (x instanceof Long[] ids) {
                    ps.setArray(i + 1, conn.createArrayOf("bigint", ids));
                } else if (x == null) {
                    ps.setNull(i + 1, i == 8 ? Types.ARRAY : Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, x);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Made(rs.getInt(1), rs.getInt(2));
            }
        }
    }
}
