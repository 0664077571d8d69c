package cn.gov.exam.change.auth;

import cn.gov.exam.change.audit.AuditService;
import cn.gov.exam.change.common.AppClock;
import cn.gov.exam.change.common.AppConfig;
import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.common.credentials.Passwords;
import cn.gov.exam.change.common.credentials.Roles;
import cn.gov.exam.change.common.metrics.Outcomes;
import cn.gov.exam.change.common.problems.ProblemException;
import cn.gov.exam.change.common.problems.ProblemType;
import cn.gov.exam.change.common.sql.Jdbc;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.registration.ApplicantCredentials;
import cn.gov.exam.change.registration.ApplicantPersonalData;
import cn.gov.exam.change.registration.FeeStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    @Inject
    Outcomes outcomes;

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
    Jdbc jdbc;

    @Inject
    AuditService audit;

    @Inject
    ApplicantCredentials credentials;

    @Inject
    AppClock clock;

    private record Candidate(
            long examId,
            String examCode,
            String passwordHash,
            Long registrationId,
            String feeStatus,
            String positionStatus,
            List<SignInThrottle.Count> counts,
            long tokenGeneration) {}

    public TokenResponse issueToken(ApplicantTokenRequest request) {
        try {
            TokenResponse token = issue(request);
            outcomes.count(Outcomes.SIGN_INS, "applicant", "signed-in");
            return token;
        } catch (RuntimeException e) {
            outcomes.count(Outcomes.SIGN_INS, "applicant", Outcomes.of(e));
            throw e;
        }
    }

    private TokenResponse issue(ApplicantTokenRequest request) {
        passwords.admit();
        String idNumber = request.idNumber().trim().toUpperCase();
        String client = throttle.client();
        // One statement before the password check (the account, its registration and the throttle's
        // counts), none after it unless there are counts to clear: the check is the sign-in's cost.
        Candidate c = lookup(request.examCode(), idNumber, client);
        SignInThrottle.Attempt attempt = new SignInThrottle.Attempt(
                realm(c.examId()), idNumber, client, "applicant", "applicant", IdNumbers.mask(idNumber), c.examCode());
        boolean counted = throttle.check(c.counts());
        // The hash of a registration in this exam only; an unknown person is checked against a dummy.
        String hash = c.registrationId() == null ? null : c.passwordHash();
        if (!passwords.matches(request.password(), hash)) {
            throw SignInThrottle.invalidCredentials(
                    "The ID number or password is not correct", throttle.failed(attempt));
        }
        throttle.succeeded(attempt, counted);
        // Rule 2: a confirmed applicant of a cancelled position, asked of the owners of those words.
        boolean confirmed =
                c.feeStatus() != null && FeeStatus.valueOf(c.feeStatus()).confirmed();
        if (!confirmed || !PositionStatus.CANCELLED.name().equals(c.positionStatus())) {
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
                .claim(ApplicantPrincipal.GENERATION_CLAIM, c.tokenGeneration())
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
        Candidate c = lookup(examCode, id, null);
        int cleared = throttle.unlock(realm(c.examId()), id);
        audit.record(
                "applicant.sign-in-unlocked",
                "applicant",
                IdNumbers.mask(id),
                c.examCode(),
                null,
                Map.of("cleared", cleared));
        return new SignInUnlocked(IdNumbers.mask(id), cleared);
    }

    /** Letters and digits that cannot be mistaken for one another when read out on the phone. */
    private static final String READABLE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * An administrator gives an applicant who forgot their password a new one, shown once; the
     * applicant's earlier tokens stop working and their sign-in waits are cleared. Audited (the ID
     * number masked, never the password).
     */
    public ApplicantPasswordReset resetPassword(String examCode, String idNumber) {
        String id = idNumber.trim().toUpperCase();
        String problem = IdNumbers.problem(id);
        if (problem != null) {
            throw ProblemException.invalid("idNumber", problem);
        }
        Candidate c = lookup(examCode, id, null);
        String password = temporaryPassword();
        // The hash outside the transaction: it is the cost of the request, and needs no connection.
        String hash = Passwords.hash(password);
        return QuarkusTransaction.requiringNew().call(() -> {
            Long generation = credentials.reset(c.examId(), id, hash, clock.now());
            if (generation == null) {
                throw ProblemException.notFound("An applicant of exam " + c.examCode() + " with this ID number");
            }
            int cleared = throttle.unlock(realm(c.examId()), id);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("tokenGeneration", generation);
            after.put("signInWaitsCleared", cleared);
            audit.record("applicant.password-reset", "applicant", IdNumbers.mask(id), c.examCode(), null, after);
            return new ApplicantPasswordReset(IdNumbers.mask(id), password);
        });
    }

    /** Ten readable characters with at least one letter and one digit (about 57 bits). */
    static String temporaryPassword() {
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                b.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
            }
            String s = b.toString();
            if (s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter)) {
                return s;
            }
        }
    }

    /** The throttle's counts of an exam's applicants. */
    static String realm(long examId) {
        return "applicant:" + examId;
    }

    /** Package-visible for auth/ApplicantSignInLookupTest, which checks its plan. */
    static final String LOOKUP_SQL = """
            select e.id, e.code, a.password_hash, r.id, r.fee_status, p.status,
                   t.account, t.client, t.locked_until, t.last_failure_at, a.token_generation
            from exam e
            left join applicant a on a.exam_id = e.id and a.id_number = ? and %s
            left join registration r on r.exam_id = e.id and r.applicant_id = a.id
            left join position p on p.id = r.position_id
            -- realm(examId) and SignInThrottle's rows(), in this statement
            left join sign_in_throttle t on t.realm = 'applicant:' || e.id
                and ((t.account = ? and t.client in (?, '*')) or (t.account = '*' and t.client = ?))
            where e.code = ?""".formatted(ApplicantPersonalData.fullIdNumber("a.id_number"));

    /**
     * The applicant, their registration and, when a client is given, the throttle's counts of the
     * attempt, in one statement; plain JDBC, so that outside a transaction this single read is one
     * round trip in autocommit.
     */
    private Candidate lookup(String examCode, String idNumber, String client) {
        try (Connection con = jdbc.connection();
                PreparedStatement ps = con.prepareStatement(LOOKUP_SQL)) {
            ps.setString(1, idNumber);
            ps.setString(2, idNumber);
            ps.setString(3, client);
            ps.setString(4, client);
            ps.setString(5, examCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Exam " + examCode);
                }
                long examId = rs.getLong(1);
                String code = rs.getString(2);
                String hash = rs.getString(3);
                long registrationId = rs.getLong(4);
                Long registration = rs.wasNull() ? null : registrationId;
                String feeStatus = rs.getString(5);
                String positionStatus = rs.getString(6);
                long generation = rs.getLong(11);
                List<SignInThrottle.Count> counts = new ArrayList<>();
                do {
                    if (rs.getString(7) != null) {
                        counts.add(new SignInThrottle.Count(
                                rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10)));
                    }
                } while (rs.next());
                return new Candidate(examId, code, hash, registration, feeStatus, positionStatus, counts, generation);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The applicant could not be read", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
