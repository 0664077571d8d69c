package cn.gov.exam.change.switching;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.metrics.Outcomes;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.exam.ExamTimeline;
import cn.gov.exam.change.notification.Notifier;
import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.receipt.Receipts;
import cn.gov.exam.change.registration.FeeStatus;
import cn.gov.exam.change.switching.SwitchViews.SwitchView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DESIGN.md rule 3, the decision path of POST /api/v1/me/switch (the rules themselves are
 * {@link SwitchRules}, the applicant's reads {@link SwitchReads}). A switch is decided inside the
 * transaction that writes it, holding the applicant's registration row: concurrent requests of one
 * applicant queue on that row and exactly one can become the switch; different applicants share no row.
 */
@ApplicationScoped
public class SwitchService {
    @Inject
    Notifier notifier;

    @Inject
    AppClock clock;

    @Inject
    AuditService audit;

    @Inject
    PublishedPositions positions;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    ObjectMapper json;

    @Inject
    PipelinedTransactions transactions;

    @Inject
    Receipts receipts;

    @Inject
    Outcomes outcomes;

    /** The outcome of a switch request: the switch, and whether it is a stored response replayed. */
    public record Outcome(int status, SwitchView view, boolean replayed) {}

    /**
     * Requests a switch; with an Idempotency-Key the first response is replayed for the same request.
     * Runs on the event loop with the reactive client: the deadline rush is this request, and it
     * needs no worker thread nor a blocking driver.
     */
    public Uni<Outcome> requestSwitch(ApplicantPrincipal who, String targetCode, String idempotencyKey) {
        return requestSwitchOnce(who, targetCode, idempotencyKey)
                .invoke(o -> outcomes.count(Outcomes.SWITCHES, "switch", o.replayed() ? "replayed" : "switched"))
                .onFailure()
                .invoke(e -> outcomes.count(Outcomes.SWITCHES, "switch", Outcomes.of(e)));
    }

    private Uni<Outcome> requestSwitchOnce(ApplicantPrincipal who, String targetCode, String idempotencyKey) {
        if (idempotencyKey != null) {
            IdempotencyKeys.validate(idempotencyKey);
        }
        return transactions.run(conn -> doSwitch(conn, who, targetCode, idempotencyKey));
    }

    private SwitchView read(String body) {
        try {
            return json.readValue(body, SwitchView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored idempotent response could not be read", e);
        }
    }

    private String write(SwitchView v) {
        try {
            return json.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules' state read under the row lock, and the id the switch will have if it is made. */
    private record Locked(long examId, long switchId, SwitchRules.State state) {}

    private Uni<Outcome> doSwitch(
            SqlConnection conn, ApplicantPrincipal who, String targetCode, String idempotencyKey) {
        // BEGIN, the key's claim, the row lock and the earlier switches in one round trip; the claim
        // before the lock, so that a twin request with the key waits on the claim, not the row.
        Uni<Void> begin = PipelinedTransactions.begin(conn);
        Uni<IdempotencyKeys.Replay> claim = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : idempotency.claim(
                        conn,
                        who.registrationId(),
                        idempotencyKey,
                        IdempotencyKeys.hash("POST /api/v1/me/switch targetPositionCode=" + targetCode));
        Uni<Locked> locked = lock(conn, who);
        return Uni.combine().all().unis(begin, claim, locked).asTuple().flatMap(t -> {
            IdempotencyKeys.Replay replay = t.getItem2();
            if (replay != null) {
                return PipelinedTransactions.commit(conn)
                        .replaceWith(new Outcome(replay.status(), read(replay.body()), true));
            }
            Locked r = t.getItem3();
            return positions
                    .ofNonBlocking(r.examId())
                    .flatMap(catalogue -> decide(conn, who, targetCode, idempotencyKey, r, catalogue))
                    .map(view -> new Outcome(201, view, false));
        });
    }

    private Uni<SwitchView> decide(
            SqlConnection conn,
            ApplicantPrincipal who,
            String targetCode,
            String idempotencyKey,
            Locked r,
            PublishedPositions.Catalogue catalogue) {
        Instant now = clock.now();
        // The refunds' state is read under the exam's key-share lock: a window the deadline job has
        // closed stays closed, even when this instance's clock lags the job's.
        SwitchRules.Accepted accepted = SwitchRules.check(r.state(), catalogue, targetCode, now);
        PublishedPositions.Entry original = accepted.original();
        PublishedPositions.Entry target = accepted.target();
        Precheck precheck = accepted.precheck();
        int seq = accepted.seq();
        SwitchView view = new SwitchView(
                r.switchId(),
                target.code(),
                target.title(),
                target.agencyName(),
                SwitchStatus.PENDING,
                new Precheck(precheck.result(), List.of(), precheck.manualRequirements()),
                null,
                null,
                now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("registrationId", who.registrationId());
        after.put("from", original.code());
        after.put("to", target.code());
        after.put("seq", seq);
        after.put("precheck", precheck.result().name());
        after.put("status", SwitchStatus.PENDING.name());
        // The switch, its audit event, the idempotent response and the COMMIT in one round trip.
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(conn.preparedQuery("""
                        insert into position_switch (id, exam_id, registration_id, seq, from_position_id,
                                                     target_position_id, precheck_result, manual_requirements,
                                                     status, created_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9)""")
                .execute(Tuple.from(List.of(
                        r.switchId(),
                        r.examId(),
                        who.registrationId(),
                        seq,
                        original.id(),
                        target.id(),
                        precheck.result().name(),
                        precheck.manualRequirements().stream().map(Enum::name).toArray(String[]::new),
                        now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid());
        writes.add(audit.record(
                conn,
                who.actor(),
                Roles.APPLICANT,
                "switch.requested",
                "switch",
                Long.toString(r.switchId()),
                r.state().examCode(),
                null,
                after));
        writes.add(receipts.switchSubmitted(conn, r.examId(), who.registrationId(), r.switchId(), now));
        writes.add(notifier.switchReceived(conn, r.switchId(), r.state().zone(), now));
        if (idempotencyKey != null) {
            writes.add(idempotency.complete(conn, who.registrationId(), idempotencyKey, 201, write(view)));
        }
        writes.add(PipelinedTransactions.commit(conn));
        return Uni.combine().all().unis(writes).discardItems().replaceWith(view);
    }

    /** The locking read and the read of earlier switches, sent together. */
    private static Uni<Locked> lock(SqlConnection conn, ApplicantPrincipal who) {
        long registrationId = who.registrationId();
        // nextval: the id of the switch, should there be one, so that its audit event and stored
        // response can travel with it.
        Uni<RowSet<Row>> locked = conn.preparedQuery("""
                select r.exam_id, r.position_id, r.fee_status, a.education, a.degree, a.major, a.birth_date,
                       a.political_status, a.grassroots_years, a.household_region, e.code, e.time_zone,
                       e.max_switches, e.published_at is not null as published, e.switch_window_opens_at,
                       e.switch_deadline, e.review_deadline, e.refunds_decided_at is not null as refunds_decided,
                       exists (select 1 from refund f where f.registration_id = r.id) as refunded,
                       nextval('position_switch_id_seq') as switch_id, a.token_generation
                from registration r join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id
                where r.id = $1
                for update of r
                for key share of e""").execute(Tuple.of(registrationId));
        // A statement of its own, after the lock: its snapshot sees the switch of a concurrent request
        // that held the lock before us; a subquery of the locking read would not (read committed).
        Uni<RowSet<Row>> earlier = conn.preparedQuery(
                        "select status, target_position_id from position_switch where registration_id = $1 order by seq desc")
                .execute(Tuple.of(registrationId));
        return Uni.combine().all().unis(locked, earlier).with((rows, switches) -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("Your registration");
            }
            Row row = rows.iterator().next();
            who.requireCurrent(row.getLong(20));
            List<SwitchStatus> statuses = new ArrayList<>();
            Set<Long> rejected = new HashSet<>();
            for (Row s : switches) {
                SwitchStatus status = SwitchStatus.valueOf(s.getString(0));
                statuses.add(status);
                if (status == SwitchStatus.REJECTED) {
                    rejected.add(s.getLong(1));
                }
            }
            return new Locked(
                    row.getLong(0),
                    row.getLong(19),
                    new SwitchRules.State(
                            row.getString(10),
                            ZoneId.of(row.getString(11)),
                            new ExamTimeline(
                                    row.getBoolean(13),
                                    row.getOffsetDateTime(14).toInstant(),
                                    row.getOffsetDateTime(15).toInstant(),
                                    row.getOffsetDateTime(16).toInstant(),
                                    row.getBoolean(17)),
                            row.getInteger(12),
                            row.getBoolean(18),
                            FeeStatus.valueOf(row.getString(2)),
                            row.getLong(1),
                            new Precheck.Facts(
                                    Education.valueOf(row.getString(3)),
                                    row.getBoolean(4),
                                    row.getString(5),
                                    row.getLocalDate(6),
                                    PoliticalStatus.valueOf(row.getString(7)),
                                    row.getInteger(8),
                                    row.getString(9)),
                            statuses,
                            rejected));
        });
    }
}
