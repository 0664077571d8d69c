package cn.gov.exam.change.switching;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.auth.ApplicantPrincipal;
import cn.gov.exam.change.auth.Roles;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.IdNumbers;
import cn.gov.exam.change.common.PageParams;
import cn.gov.exam.change.common.PageResponse;
import cn.gov.exam.change.common.PipelinedTransactions;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import cn.gov.exam.change.exam.Exam;
import cn.gov.exam.change.exam.ExamTimeline;
import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import cn.gov.exam.change.position.PositionSearch;
import cn.gov.exam.change.position.PositionService;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.registration.FeeStatus;
import cn.gov.exam.change.registration.Applicant;
import cn.gov.exam.change.registration.Registration;
import cn.gov.exam.change.switching.SwitchViews.Me;
import cn.gov.exam.change.switching.SwitchViews.PositionRef;
import cn.gov.exam.change.switching.SwitchViews.SwitchOption;
import cn.gov.exam.change.switching.SwitchViews.SwitchView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DESIGN.md rule 3. A switch is decided inside the transaction that writes it, holding the
 * applicant's registration row: concurrent requests of one applicant queue on that row and exactly
 * one can become the switch; different applicants share no row.
 */
@ApplicationScoped
public class SwitchService {
    @Inject
    EntityManager em;
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
    PositionService positionService;

    /** The outcome of a switch request: the switch, and whether it is a stored response replayed. */
    public record Outcome(int status, SwitchView view, boolean replayed) {
    }

    /** The applicant's registration and switches, with their refund as its owner shows it. */
    public Me me(ApplicantPrincipal who, SwitchViews.RefundRef refund) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Registration r = registration(who);
            Exam exam = Exam.findById(r.examId);
            Applicant a = r.applicant;
            ZoneId zone = ZoneId.of(exam.timeZone);
            PublishedPositions.Entry original = positions.of(exam.id).byId().get(r.positionId);
            List<PositionSwitch> switches = PositionSwitch.ofRegistration(r.id);
            SwitchView current = switches.isEmpty() ? null : view(switches.get(0), exam);
            return new Me(IdNumbers.mask(a.idNumber), a.name, exam.code, exam.timeZone,
                    new PositionRef(original.code(), original.title(), original.agencyName(), original.status()),
                    exam.switchWindowOpensAt.atZone(zone).toOffsetDateTime(),
                    exam.switchDeadline.atZone(zone).toOffsetDateTime(), switchesLeft(exam, switches), current,
                    refund);
        });
    }

    public PageResponse<SwitchOption> options(ApplicantPrincipal who, PositionSearch search, boolean qualifiedOnly,
                                              PageParams page) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Registration r = registration(who);
            Exam exam = Exam.findById(r.examId);
            Precheck.Facts facts = facts(r.applicant);
            LocalDate ageDate = ageDate(exam);
            Set<Long> found = search.q() == null && search.agency() == null ? null
                    : positionService.matching(exam.id, search);
            List<SwitchOption> matching = positions.of(exam.id).byCode().values().stream()
                    .filter(p -> p.open() && p.id() != r.positionId)
                    .filter(p -> found == null || found.contains(p.id()))
                    .map(p -> new SwitchOption(p.code(), p.agencyCode(), p.agencyName(), p.employer(), p.title(),
                            p.quota(), p.status(), p.requirements(), Precheck.of(facts, p.requirements(), ageDate)))
                    .filter(o -> !qualifiedOnly || o.precheck().result() != PrecheckResult.FAIL)
                    .toList();
            int from = Math.min(page.offset(), matching.size());
            int to = Math.min(from + page.size, matching.size());
            return new PageResponse<>(matching.subList(from, to), page.page, page.size, matching.size());
        });
    }

    /**
     * Requests a switch; with an Idempotency-Key the first response is replayed for the same request.
     * Runs on the event loop with the reactive client: the deadline rush is this request, and it
     * needs no worker thread nor a blocking driver.
     */
    public Uni<Outcome> requestSwitch(ApplicantPrincipal who, String targetCode, String idempotencyKey) {
        if (idempotencyKey == null) {
            return transactions.run(conn -> doSwitch(conn, who, targetCode, null))
                    .map(view -> new Outcome(201, view, false));
        }
        // A claimed key is released when the switch fails, so that a retry is judged afresh: nothing
        // in between may be cut short by a client hanging up.
        return PipelinedTransactions.toCompletion(idempotency.claim(who.registrationId(), idempotencyKey,
                        IdempotencyKeys.hash("POST /api/v1/me/switch targetPositionCode=" + targetCode))
                .flatMap(replay -> replay != null
                        ? Uni.createFrom().item(() -> new Outcome(replay.status(), read(replay.body()), true))
                        : transactions.run(conn -> doSwitch(conn, who, targetCode, idempotencyKey))
                                .map(view -> new Outcome(201, view, false))
                                // The request's own failure is the answer, even if the release fails.
                                .onFailure().call(e -> idempotency.release(who.registrationId(), idempotencyKey)
                                        .onFailure().recoverWithNull())));
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

    /**
     * What the rules need of the applicant, their exam and their switches, read under the row lock;
     * and the id the switch will have if it is made.
     */
    private record Locked(long examId, long positionId, FeeStatus feeStatus, Precheck.Facts facts, String examCode,
                          String timeZone, int maxSwitches, ExamTimeline timeline, boolean refunded, long switchId,
                          List<SwitchStatus> switches) {
    }

    private Uni<SwitchView> doSwitch(SqlConnection conn, ApplicantPrincipal who, String targetCode,
                                     String idempotencyKey) {
        // The row lock first: everything below is decided by one request of this applicant at a time.
        return lock(conn, who.registrationId()).flatMap(r -> positions.ofNonBlocking(r.examId())
                .flatMap(catalogue -> decide(conn, who, targetCode, idempotencyKey, r, catalogue)));
    }

    private Uni<SwitchView> decide(SqlConnection conn, ApplicantPrincipal who, String targetCode,
                                   String idempotencyKey, Locked r, PublishedPositions.Catalogue catalogue) {
        Instant now = clock.now();
        ZoneId zone = ZoneId.of(r.timeZone());
        ExamTimeline timeline = r.timeline();
        // The refunds' state is read under the exam's key-share lock: a window the deadline job has
        // closed stays closed, even when this instance's clock lags the job's.
        switch (timeline.windowAt(now)) {
            case NOT_OPEN -> throw new ProblemException(ProblemType.SWITCH_WINDOW_NOT_OPEN,
                    "Switching opens at " + timeline.opensAt().atZone(zone).toOffsetDateTime());
            case CLOSED -> throw new ProblemException(ProblemType.SWITCH_WINDOW_CLOSED,
                    "Switching closed at " + timeline.switchDeadline().atZone(zone).toOffsetDateTime());
            case OPEN -> { }
        }
        if (r.refunded()) {
            throw new ProblemException(ProblemType.NO_SWITCHES_LEFT,
                    "Your fee is being refunded: no switch is possible any more");
        }
        PublishedPositions.Entry original = catalogue.byId().get(r.positionId());
        if (!r.feeStatus().confirmed() || original.status() != PositionStatus.CANCELLED) {
            throw new ProblemException(ProblemType.SIGN_IN_NOT_ALLOWED,
                    "Only confirmed applicants of a cancelled position may switch");
        }
        if (r.switches().contains(SwitchStatus.PENDING)) {
            throw new ProblemException(ProblemType.SWITCH_PENDING,
                    "Your switch is under review; you may switch again only if it is rejected");
        }
        if (switchesLeft(r.maxSwitches(), r.switches()) == 0) {
            throw new ProblemException(ProblemType.NO_SWITCHES_LEFT,
                    "You have used the " + r.maxSwitches() + " switch(es) this exam allows");
        }
        if (targetCode.equals(original.code())) {
            throw new ProblemException(ProblemType.SAME_POSITION, "Position " + targetCode + " is your original position");
        }
        PublishedPositions.Entry target = catalogue.byCode().get(targetCode);
        if (target == null) {
            throw ProblemException.notFound("Position " + targetCode + " of exam " + r.examCode());
        }
        if (!target.open()) {
            throw new ProblemException(ProblemType.POSITION_NOT_OPEN, "Position " + targetCode + " is cancelled");
        }
        Precheck precheck = Precheck.of(r.facts(), target.requirements(),
                timeline.switchDeadline().atZone(zone).toLocalDate());
        if (precheck.result() == PrecheckResult.FAIL) {
            throw new ProblemException(ProblemType.REQUIREMENTS_NOT_MET,
                    "You do not meet the requirements of position " + targetCode)
                    .with("failedRequirements", precheck.failedRequirements());
        }
        int seq = r.switches().size() + 1;
        SwitchView view = new SwitchView(r.switchId(), target.code(), target.title(), target.agencyName(),
                SwitchStatus.PENDING, new Precheck(precheck.result(), List.of(), precheck.manualRequirements()), null,
                null, now);
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
                .execute(Tuple.from(List.of(r.switchId(), r.examId(), who.registrationId(), seq, original.id(),
                        target.id(), precheck.result().name(),
                        precheck.manualRequirements().stream().map(Enum::name).toArray(String[]::new),
                        now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid());
        writes.add(audit.record(conn, who.actor(), Roles.APPLICANT, "switch.requested", "switch",
                Long.toString(r.switchId()), r.examCode(), null, after));
        if (idempotencyKey != null) {
            writes.add(idempotency.complete(conn, who.registrationId(), idempotencyKey, 201, write(view)));
        }
        writes.add(PipelinedTransactions.commit(conn));
        return Uni.combine().all().unis(writes).discardItems().replaceWith(view);
    }

    /** BEGIN, the locking read and the read of earlier switches, in one round trip. */
    private static Uni<Locked> lock(SqlConnection conn, long registrationId) {
        Uni<Void> begin = PipelinedTransactions.begin(conn);
        // nextval: the id of the switch, should there be one, so that its audit event and stored
        // response can travel with it.
        Uni<RowSet<Row>> locked = conn.preparedQuery("""
                select r.exam_id, r.position_id, r.fee_status, a.education, a.degree, a.major, a.birth_date,
                       a.political_status, a.grassroots_years, a.household_region, e.code, e.time_zone,
                       e.max_switches, e.published_at is not null as published, e.switch_window_opens_at,
                       e.switch_deadline, e.review_deadline, e.refunds_decided_at is not null as refunds_decided,
                       exists (select 1 from refund f where f.registration_id = r.id) as refunded,
                       nextval('position_switch_id_seq') as switch_id
                from registration r join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id
                where r.id = $1
                for update of r
                for key share of e""").execute(Tuple.of(registrationId));
        // A statement of its own, after the lock: its snapshot sees the switch of a concurrent request
        // that held the lock before us; a subquery of the locking read would not (read committed).
        Uni<RowSet<Row>> earlier = conn.preparedQuery(
                "select status from position_switch where registration_id = $1 order by seq desc")
                .execute(Tuple.of(registrationId));
        return Uni.combine().all().unis(begin, locked, earlier).with((b, rows, switches) -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("Your registration");
            }
            Row row = rows.iterator().next();
            List<SwitchStatus> statuses = new ArrayList<>();
            for (Row s : switches) {
                statuses.add(SwitchStatus.valueOf(s.getString(0)));
            }
            return new Locked(row.getLong(0), row.getLong(1), FeeStatus.valueOf(row.getString(2)),
                    new Precheck.Facts(Education.valueOf(row.getString(3)), row.getBoolean(4), row.getString(5),
                            row.getLocalDate(6), PoliticalStatus.valueOf(row.getString(7)), row.getInteger(8),
                            row.getString(9)),
                    row.getString(10), row.getString(11), row.getInteger(12),
                    new ExamTimeline(row.getBoolean(13), row.getOffsetDateTime(14).toInstant(),
                            row.getOffsetDateTime(15).toInstant(), row.getOffsetDateTime(16).toInstant(),
                            row.getBoolean(17)),
                    row.getBoolean(18), row.getLong(19), statuses);
        });
    }

    private Registration registration(ApplicantPrincipal who) {
        Registration r = em.createQuery("select r from Registration r join fetch r.applicant where r.id = :id",
                Registration.class).setParameter("id", who.registrationId()).getResultStream().findFirst().orElse(null);
        if (r == null) {
            throw ProblemException.notFound("Your registration");
        }
        return r;
    }

    public static int switchesLeft(Exam exam, List<PositionSwitch> switches) {
        return switchesLeft(exam.maxSwitches, switches.stream().map(s -> s.status).toList());
    }

    /** An approved switch is final; otherwise every switch made, whatever its outcome, counts. */
    static int switchesLeft(int maxSwitches, List<SwitchStatus> switches) {
        if (switches.contains(SwitchStatus.APPROVED)) {
            return 0;
        }
        return Math.max(0, maxSwitches - switches.size());
    }

    private SwitchView view(PositionSwitch s, Exam exam) {
        PublishedPositions.Entry target = positions.of(exam.id).byId().get(s.targetPositionId);
        return new SwitchView(s.id, target.code(), target.title(), target.agencyName(), s.status,
                s.storedPrecheck(), s.reason, s.decidedAt, s.createdAt);
    }

    public static Precheck.Facts facts(Applicant a) {
        return new Precheck.Facts(a.education, a.degree, a.major, a.birthDate, a.politicalStatus, a.grassrootsYears,
                a.householdRegion);
    }

    public static LocalDate ageDate(Exam exam) {
        return exam.switchDeadline.atZone(ZoneId.of(exam.timeZone)).toLocalDate();
    }
}
