package cn.gov.exam.change.auth;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.IdNumbers;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import cn.gov.exam.change.common.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applicant sign-in during the switch phase (DESIGN.md rule 2): the password first, then the gate:
 * only an applicant with a confirmed (paid or waived) registration on a cancelled position of the
 * exam gets a token. Consecutive failures lock the ID number for a while, whether it exists or not.
 */
@ApplicationScoped
public class ApplicantAuthService {
    static final String NOT_ALLOWED = "职位改报期间仅限报考被取消职位且已缴费（或免缴）的考生登录。"
            + " During the position change period only applicants who paid for (or were exempted from the fee of)"
            + " a position cancelled for not reaching its exam-opening ratio can sign in.";

    @Inject
    AppConfig config;
    @Inject
    AppClock clock;
    @Inject
    AuditService audit;
    @Inject
    EntityManager em;

    private record Candidate(long examId, String examCode, String passwordHash, Long registrationId,
                             String feeStatus, String positionStatus, Instant lockedUntil) {
    }

    public TokenResponse issueToken(ApplicantTokenRequest request) {
        String idNumber = request.idNumber().trim().toUpperCase();
        Candidate c = QuarkusTransaction.requiringNew().call(() -> lookup(request.examCode(), idNumber));
        Instant now = clock.now();
        if (c.lockedUntil() != null && now.isBefore(c.lockedUntil())) {
            throw locked(c.lockedUntil(), now);
        }
        // The hash of a registration in this exam only; an unknown person is checked against a dummy.
        String hash = c.registrationId() == null ? null : c.passwordHash();
        if (!Passwords.matches(request.password(), hash)) {
            Instant lockedUntil = QuarkusTransaction.requiringNew().call(() -> recordFailure(c, idNumber));
            if (lockedUntil != null) {
                throw locked(lockedUntil, clock.now());
            }
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The ID number or password is not correct");
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from sign_in_failure where exam_id = ?1 and id_number = ?2")
                .setParameter(1, c.examId()).setParameter(2, idNumber).executeUpdate());
        boolean confirmed = "PAID".equals(c.feeStatus()) || "WAIVED".equals(c.feeStatus());
        if (!confirmed || !"CANCELLED".equals(c.positionStatus())) {
            throw new ProblemException(ProblemType.SIGN_IN_NOT_ALLOWED, NOT_ALLOWED);
        }
        long lifetime = config.tokens().applicantLifetime().toSeconds();
        // Token validity is checked against the system clock by the verifier, so it is issued by it too.
        Instant issued = Instant.now();
        String token = Jwt.issuer(config.tokens().issuer())
                .upn(ApplicantPrincipal.actorName(c.registrationId()))
                .subject("registration:" + c.registrationId())
                .groups(Set.of(Roles.APPLICANT))
                .claim(ApplicantPrincipal.EXAM_CLAIM, c.examCode())
                .claim(ApplicantPrincipal.REGISTRATION_CLAIM, c.registrationId())
                .claim("kind", "applicant")
                .issuedAt(issued)
                .expiresAt(issued.plusSeconds(lifetime))
                .sign();
        return TokenResponse.bearer(token, lifetime);
    }

    private Candidate lookup(String examCode, String idNumber) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select e.id as exam_id, e.code as exam_code, a.password_hash, r.id as registration_id,
                               r.fee_status, p.status as position_status, f.locked_until
                        from exam e
                        left join applicant a on a.id_number = ?2
                        left join registration r on r.exam_id = e.id and r.applicant_id = a.id
                        left join position p on p.id = r.position_id
                        left join sign_in_failure f on f.exam_id = e.id and f.id_number = ?2
                        where e.code = ?1""", Tuple.class)
                .setParameter(1, examCode).setParameter(2, idNumber).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Exam " + examCode);
        }
        Tuple t = rows.get(0);
        return new Candidate(((Number) t.get("exam_id")).longValue(), (String) t.get("exam_code"),
                (String) t.get("password_hash"),
                t.get("registration_id") == null ? null : ((Number) t.get("registration_id")).longValue(),
                (String) t.get("fee_status"), (String) t.get("position_status"), SqlValues.instant(t.get("locked_until")));
    }

    /** Counts a failure; returns the lock's end when this failure locks the ID number. */
    private Instant recordFailure(Candidate c, String idNumber) {
        Instant now = clock.now();
        Duration lock = config.signIn().lockDuration();
        int max = config.signIn().maxFailures();
        // A lock that has run out starts the count afresh.
        Tuple t = (Tuple) em.createNativeQuery("""
                        insert into sign_in_failure as f (exam_id, id_number, failures, last_failure_at, locked_until)
                        values (?1, ?2, 1, cast(?3 as timestamptz),
                                case when cast(?4 as integer) <= 1 then cast(?5 as timestamptz) end)
                        on conflict (exam_id, id_number) do update set
                            failures = case when f.locked_until is not null and f.locked_until <= cast(?3 as timestamptz) then 1
                                            else f.failures + 1 end,
                            last_failure_at = cast(?3 as timestamptz),
                            locked_until = case
                                when (case when f.locked_until is not null and f.locked_until <= cast(?3 as timestamptz)
                                           then 1 else f.failures + 1 end) >= cast(?4 as integer)
                                    then cast(?5 as timestamptz)
                                else null end
                        returning failures, locked_until""", Tuple.class)
                .setParameter(1, c.examId()).setParameter(2, idNumber).setParameter(3, now)
                .setParameter(4, max).setParameter(5, now.plus(lock))
                .getSingleResult();
        Instant lockedUntil = SqlValues.instant(t.get("locked_until"));
        if (lockedUntil != null) {
            audit.recordAs("anonymous", null, "applicant.sign-in-locked", "sign-in", IdNumbers.mask(idNumber),
                    c.examCode(), null, Map.of("failures", ((Number) t.get("failures")).intValue(),
                            "lockedUntil", lockedUntil.toString(),
                            "registrationId", c.registrationId() == null ? "none" : c.registrationId().toString()));
        }
        return lockedUntil;
    }

    private static ProblemException locked(Instant until, Instant now) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds());
        return new ProblemException(ProblemType.ACCOUNT_LOCKED,
                "Too many failed sign-ins: try again in " + (seconds + 59) / 60 + " minute(s)")
                .with("retryAfterSeconds", seconds);
    }
}
