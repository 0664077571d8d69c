package cn.gov.exam.change.auth;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.IdNumbers;
import cn.gov.exam.change.common.ProblemException;
import cn.gov.exam.change.common.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applicant sign-in during the switch phase (DESIGN.md rule 2): the password first, then the gate:
 * only an applicant with a confirmed (paid or waived) registration on a cancelled position of the
 * exam gets a token. Guessing is slowed by {@link SignInThrottle}, whether the ID number exists or not.
 */
@ApplicationScoped
public class ApplicantAuthService {
    static final String NOT_ALLOWED = "职位改报期间仅限报考被取消职位且已缴费（或免缴）的考生登录。"
            + " During the position change period only applicants who paid for (or were exempted from the fee of)"
            + " a position cancelled for not reaching its exam-opening ratio can sign in.";

    @Inject
    AppConfig config;
    @Inject
    SignInThrottle throttle;
    @Inject
    PasswordChecks passwords;
    @Inject
    EntityManager em;
    @Inject
    AuditService audit;

    private record Candidate(long examId, String examCode, String passwordHash, Long registrationId,
                             String feeStatus, String positionStatus) {
    }

    public TokenResponse issueToken(ApplicantTokenRequest request) {
        passwords.admit();
        String idNumber = request.idNumber().trim().toUpperCase();
        Candidate c = QuarkusTransaction.requiringNew().call(() -> lookup(request.examCode(), idNumber));
        SignInThrottle.Attempt attempt = throttle.attempt(realm(c.examId()), idNumber, "applicant", "applicant",
                IdNumbers.mask(idNumber), c.examCode());
        throttle.check(attempt);
        // The hash of a registration in this exam only; an unknown person is checked against a dummy.
        String hash = c.registrationId() == null ? null : c.passwordHash();
        if (!passwords.matches(request.password(), hash)) {
            throttle.failed(attempt);
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The ID number or password is not correct");
        }
        throttle.succeeded(attempt);
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

    /** Staff clear an applicant's sign-in waits, from every client; audited. */
    @Transactional
    public SignInUnlocked unlock(String examCode, String idNumber) {
        String id = idNumber.trim().toUpperCase();
        String problem = IdNumbers.problem(id);
        if (problem != null) {
            throw ProblemException.invalid("idNumber", problem);
        }
        Candidate c = lookup(examCode, id);
        int cleared = throttle.unlock(realm(c.examId()), id);
        audit.record("applicant.sign-in-unlocked", "applicant", IdNumbers.mask(id), c.examCode(), null,
                Map.of("cleared", cleared));
        return new SignInUnlocked(IdNumbers.mask(id), cleared);
    }

    /** The throttle's counts of an exam's applicants. */
    static String realm(long examId) {
        return "applicant:" + examId;
    }

    private Candidate lookup(String examCode, String idNumber) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select e.id as exam_id, e.code as exam_code, a.password_hash, r.id as registration_id,
                               r.fee_status, p.status as position_status
                        from exam e
                        left join applicant a on a.exam_id = e.id and a.id_number = ?2
                        left join registration r on r.exam_id = e.id and r.applicant_id = a.id
                        left join position p on p.id = r.position_id
                        where e.code = ?1""", Tuple.class)
                .setParameter(1, examCode).setParameter(2, idNumber).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Exam " + examCode);
        }
        Tuple t = rows.get(0);
        return new Candidate(((Number) t.get("exam_id")).longValue(), (String) t.get("exam_code"),
                (String) t.get("password_hash"),
                t.get("registration_id") == null ? null : ((Number) t.get("registration_id")).longValue(),
                (String) t.get("fee_status"), (String) t.get("position_status"));
    }
}
